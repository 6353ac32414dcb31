package io.tocsin.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface ServiceRepository extends ListCrudRepository<Service, UUID> {

    Optional<Service> findByNameIgnoreCase(String name);

    List<Service> findAllByOrderByNameAsc();

    List<Service> findByOwningTeamIdOrderByNameAsc(UUID teamId);
}
