package io.tocsin.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface UserRepository extends ListCrudRepository<User, UUID> {

    Optional<User> findByEmail(String email);

    List<User> findAllByOrderByNameAsc();
}
