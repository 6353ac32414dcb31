package io.tocsin.notify;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface ContactMethodRepository extends ListCrudRepository<ContactMethod, UUID> {

    List<ContactMethod> findByUserIdOrderByCreatedAt(UUID userId);

    List<ContactMethod> findByTypeAndDestination(ContactMethodType type, String destination);
}
