package io.tocsin.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface TeamRepository extends ListCrudRepository<Team, UUID> {

    Optional<Team> findByName(String name);

    List<Team> findAllByOrderByNameAsc();
}
