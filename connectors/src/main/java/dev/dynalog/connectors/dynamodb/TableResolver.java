package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.catalog.TableCatalog;
import java.util.Optional;

/** Finds a request's table in the catalog. */
public final class TableResolver {
    private final TableCatalog catalog;

    public TableResolver(TableCatalog catalog) {
        this.catalog = catalog;
    }

    /** The table for a data-plane request: it must exist and be ACTIVE (DynamoDB rejects others). */
    public TableDefinition active(String name) {
        TableDefinition t = catalog.get(name).orElseThrow(Errors::tableNotFound);
        if (t.status() != TableStatus.ACTIVE && t.status() != TableStatus.UPDATING) {
            throw Errors.tableNotFound();
        }
        return t;
    }

    /** The table of that name, in any status, if there is one. */
    public Optional<TableDefinition> find(String name) {
        return catalog.get(name);
    }

    /** The table of a backup or restore request (its source): DynamoDB names a missing one TableNotFoundException. */
    public TableDefinition backedUp(String name) {
        return catalog.get(name).filter(t -> t.status() != TableStatus.DELETING)
                .orElseThrow(() -> Errors.sourceTableNotFound(name));
    }

    /** The table for a control-plane request, in any status. */
    public TableDefinition existing(String name) {
        return catalog.get(name).orElseThrow(() ->
                Errors.resourceNotFound("Requested resource not found: Table: " + name + " not found"));
    }
}
