package io.tocsin.learning;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface ProblemRepository extends ListCrudRepository<Problem, UUID> {

    Optional<Problem> findByProblemKey(String key);
}
