package io.tocsin.learning;

import java.util.List;
import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

interface ActionItemRepository extends ListCrudRepository<ActionItem, UUID> {

    List<ActionItem> findByIncidentId(UUID incidentId);

    List<ActionItem> findByProblemId(UUID problemId);
}
