package io.tocsin.learning;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface PostmortemRepository extends ListCrudRepository<Postmortem, UUID> {

    Optional<Postmortem> findByIncidentId(UUID incidentId);

    List<Postmortem> findByOwnerId(UUID ownerId);
}
