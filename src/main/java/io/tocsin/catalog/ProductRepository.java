package io.tocsin.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface ProductRepository extends ListCrudRepository<Product, UUID> {

    Optional<Product> findByNameIgnoreCase(String name);

    List<Product> findAllByOrderByNameAsc();
}
