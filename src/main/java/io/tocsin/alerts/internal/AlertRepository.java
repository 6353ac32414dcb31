package io.tocsin.alerts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

interface AlertRepository extends CrudRepository<Alert, UUID> {

    @Query("select * from alert where scope_id = :scopeId and open_dedup_key = :dedupKey")
    Optional<Alert> findOpen(UUID scopeId, String dedupKey);

    @Query("select * from alert where scope_id = :scopeId and open_dedup_key = :dedupKey for update")
    Optional<Alert> findOpenForUpdate(UUID scopeId, String dedupKey);

    @Query("select * from alert where id = :id for update")
    Optional<Alert> lockById(UUID id);

    List<Alert> findByIncidentId(UUID incidentId);
}
