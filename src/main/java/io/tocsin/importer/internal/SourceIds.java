package io.tocsin.importer.internal;

import java.util.UUID;

/** Tocsin ids of source objects already known to the import (null: not imported). */
public interface SourceIds {

    UUID user(String sourceId);

    UUID schedule(String sourceId);

    UUID team(String sourceId);
}
