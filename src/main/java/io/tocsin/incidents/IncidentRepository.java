package io.tocsin.incidents;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface IncidentRepository extends ListCrudRepository<Incident, UUID> {

    Optional<Incident> findByIncidentKey(String key);
}
