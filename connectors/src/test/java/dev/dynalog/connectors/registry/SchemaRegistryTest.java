package dev.dynalog.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.schemas.registry.CompatibilityLevel;
import dev.dynalog.schemas.registry.RegisteredSchema;
import dev.dynalog.schemas.registry.SchemaRegistryException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The registry's API semantics, with its log in memory. */
class SchemaRegistryTest {
    static final String V1 = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}""";
    static final String V1_REFORMATTED = """
            {
              "name": "Order", "type": "record",
              "fields": [ {"type": "string", "name": "id"} ]
            }""";
    static final String V2_WITH_DEFAULT = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"string"},
             {"name":"qty","type":"int","default":1}]}""";
    static final String V2_WITHOUT_DEFAULT = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""";
    static final String ID_AS_INT = """
            {"type":"record","name":"Order","fields":[{"name":"id","type":"int"}]}""";
    static final String OTHER = """
            {"type":"record","name":"Customer","fields":[{"name":"name","type":"string"}]}""";

    final RegistryState state = new RegistryState();
    final InMemorySchemaLog log = new InMemorySchemaLog(state);
    final SchemaRegistry registry = new SchemaRegistry(state, log);

    @Test
    void theFirstSchemaGetsIdOneAndVersionOne() {
        int id = registry.register("orders-value", V1);

        assertThat(id).isEqualTo(1);
        assertThat(registry.versions("orders-value", false)).containsExactly(1);
        assertThat(registry.version("orders-value", "latest", false))
                .isEqualTo(new RegisteredSchema("orders-value", 1, 1, registry.schemaById(1)));
    }

    @Test
    void registeringTheSameSchemaAgainReturnsItsIdWithoutANewVersion() {
        int first = registry.register("orders-value", V1);

        int again = registry.register("orders-value", V1_REFORMATTED);

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("orders-value", false)).containsExactly(1);
    }

    @Test
    void theSameSchemaUnderAnotherSubjectHasTheSameIdAndItsOwnVersion() {
        int id = registry.register("orders-value", V1);
        registry.register("orders-value", V2_WITH_DEFAULT);

        assertThat(registry.register("archive-value", V1)).isEqualTo(id);
        assertThat(registry.version("archive-value", "1", false).id()).isEqualTo(id);
        assertThat(registry.subjectVersionsById(id, false)).extracting(RegisteredSchema::subject, RegisteredSchema::version)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("orders-value", 1),
                        org.assertj.core.groups.Tuple.tuple("archive-value", 1));
    }

    @Test
    void differentSchemasGetIncreasingIdsAcrossSubjects() {
        assertThat(registry.register("orders-value", V1)).isEqualTo(1);
        assertThat(registry.register("customers-value", OTHER)).isEqualTo(2);
        assertThat(registry.register("orders-value", V2_WITH_DEFAULT)).isEqualTo(3);
        assertThat(registry.subjects(false)).containsExactly("customers-value", "orders-value");
    }

    @Test
    void byDefaultAFieldWithoutDefaultCannotBeAdded() {
        registry.register("orders-value", V1);

        assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertError(() -> registry.register("orders-value", V2_WITHOUT_DEFAULT), 409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(registry.versions("orders-value", false)).containsExactly(1);
    }

    @Test
    void aSubjectsOwnLevelOverridesTheDefault() {
        registry.register("orders-value", V1);
        registry.setSubjectCompatibility("orders-value", CompatibilityLevel.FORWARD);

        assertThat(registry.register("orders-value", V2_WITHOUT_DEFAULT)).isEqualTo(2);
        assertThat(registry.register("other-value", V1)).isEqualTo(1);
        assertError(() -> registry.register("other-value", V2_WITHOUT_DEFAULT), 409, 409);
    }

    @Test
    void levelNoneAcceptsAnyChange() {
        registry.setGlobalCompatibility(CompatibilityLevel.NONE);
        registry.register("orders-value", V1);

        assertThat(registry.register("orders-value", ID_AS_INT)).isEqualTo(2);
    }

    @Test
    void compatibilityCheckReportsWithoutRegistering() {
        registry.register("orders-value", V1);

        assertThat(registry.incompatibilities("orders-value", "latest", V2_WITH_DEFAULT)).isEmpty();
        assertThat(registry.incompatibilities("orders-value", "latest", ID_AS_INT)).isNotEmpty();
        assertThat(registry.versions("orders-value", false)).containsExactly(1);
    }

    @Test
    void compatibilityCheckAgainstASubjectWithoutVersionsFindsNothingToConflictWith() {
        assertThat(registry.incompatibilities("new-value", "latest", V1)).isEmpty();
        assertError(() -> registry.incompatibilities("new-value", "1", V1), 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
    }

    @Test
    void anUnparsableSchemaIsInvalid() {
        assertError(() -> registry.register("orders-value", "{\"type\":\"record\"}"), 422, SchemaRegistryException.INVALID_SCHEMA);
        assertError(() -> registry.register("orders-value", """
                {"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}"""),
                422, SchemaRegistryException.INVALID_SCHEMA);
    }

    @Test
    void missingSubjectsVersionsAndIdsHaveConfluentsErrorCodes() {
        registry.register("orders-value", V1);

        assertError(() -> registry.versions("nope", false), 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertError(() -> registry.version("orders-value", "2", false), 404, SchemaRegistryException.VERSION_NOT_FOUND);
        assertError(() -> registry.version("orders-value", "zero", false), 422, SchemaRegistryException.INVALID_VERSION);
        assertError(() -> registry.schemaById(7), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertError(() -> registry.lookup("orders-value", OTHER, false), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Test
    void lookupFindsTheVersionHoldingASchema() {
        registry.register("orders-value", V1);
        registry.register("orders-value", V2_WITH_DEFAULT);

        assertThat(registry.lookup("orders-value", V1_REFORMATTED, false).version()).isEqualTo(1);
    }

    @Test
    void softDeletedVersionsAreHiddenButTheirIdsStillResolve() {
        int id = registry.register("orders-value", V1);
        registry.register("orders-value", V2_WITH_DEFAULT);

        assertThat(registry.deleteVersion("orders-value", "1", false)).isEqualTo(1);

        assertThat(registry.versions("orders-value", false)).containsExactly(2);
        assertThat(registry.versions("orders-value", true)).containsExactly(1, 2);
        assertThat(registry.schemaById(id)).isEqualTo(registry.version("orders-value", "1", true).schema());
        assertError(() -> registry.deleteVersion("orders-value", "1", false), 404, SchemaRegistryException.VERSION_NOT_FOUND);
    }

    @Test
    void aSubjectIsDeletedSoftThenPermanently() {
        registry.register("orders-value", V1);

        assertError(() -> registry.deleteSubject("orders-value", true), 404, SchemaRegistryException.SUBJECT_NOT_SOFT_DELETED);
        assertThat(registry.deleteSubject("orders-value", false)).containsExactly(1);
        assertThat(registry.subjects(false)).isEmpty();
        assertThat(registry.subjects(true)).containsExactly("orders-value");
        assertError(() -> registry.deleteSubject("orders-value", false), 404, SchemaRegistryException.SUBJECT_SOFT_DELETED);
        assertThat(registry.deleteSubject("orders-value", true)).containsExactly(1);
        assertThat(registry.subjects(true)).isEmpty();
        assertError(() -> registry.schemaById(1), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Test
    void reRegisteringASoftDeletedSchemaAddsAVersionWithTheSameId() {
        int id = registry.register("orders-value", V1);
        registry.deleteSubject("orders-value", false);

        assertThat(registry.register("orders-value", V1)).isEqualTo(id);
        assertThat(registry.versions("orders-value", false)).containsExactly(2);
    }

    @Test
    void anIdIsNeverReusedAfterAPermanentDeleteEvenAfterCompactionAndRestart() {
        registry.register("orders-value", V1);
        registry.register("customers-value", OTHER);
        registry.deleteSubject("customers-value", false);
        registry.deleteSubject("customers-value", true);

        RegistryState replayedState = log.replayCompacted();
        SchemaRegistry restarted = new SchemaRegistry(replayedState, new InMemorySchemaLog(replayedState));

        assertThat(restarted.schemaById(1)).isEqualTo(registry.schemaById(1));
        assertThat(restarted.subjects(true)).containsExactly("orders-value");
        // the next id is 3, not 2: a consumer may still hold id 2 for the Customer schema
        assertThat(restarted.register("x-value", V2_WITH_DEFAULT)).isEqualTo(3);
    }

    @Test
    void aRestartedRegistryHasTheSameSubjectsVersionsIdsAndLevels() {
        registry.register("orders-value", V1);
        registry.register("orders-value", V2_WITH_DEFAULT);
        registry.register("customers-value", OTHER);
        registry.setGlobalCompatibility(CompatibilityLevel.FULL);
        registry.setSubjectCompatibility("orders-value", CompatibilityLevel.NONE);

        RegistryState replayed = log.replayCompacted();
        SchemaRegistry restarted = new SchemaRegistry(replayed, new InMemorySchemaLog(replayed));

        assertThat(restarted.subjects(false)).isEqualTo(registry.subjects(false));
        for (String subject : registry.subjects(false)) {
            for (int v : registry.versions(subject, false)) {
                assertThat(restarted.version(subject, String.valueOf(v), false))
                        .isEqualTo(registry.version(subject, String.valueOf(v), false));
            }
        }
        assertThat(restarted.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
        assertThat(restarted.subjectCompatibility("orders-value", false)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(restarted.register("orders-value", V1)).isEqualTo(1);
    }

    @Test
    void anInstanceThatHasNotReadTheOthersWritesCatchesUpBeforeChoosingAnId() {
        SharedSchemaLog shared = new SharedSchemaLog();
        SharedSchemaLog.Reader a = shared.reader();
        SharedSchemaLog.Reader b = shared.reader();
        SchemaRegistry first = new SchemaRegistry(a.state, a);
        SchemaRegistry second = new SchemaRegistry(b.state, b);

        int v1 = first.register("orders-value", V1);
        int other = second.register("customers-value", OTHER);
        int v2 = second.register("orders-value", V2_WITH_DEFAULT);

        assertThat(List.of(v1, other, v2)).containsExactly(1, 2, 3);
        assertThat(second.versions("orders-value", false)).containsExactly(1, 2);
    }

    @Test
    void anInstanceChecksCompatibilityAgainstVersionsAnotherInstanceRegistered() {
        SharedSchemaLog shared = new SharedSchemaLog();
        SharedSchemaLog.Reader a = shared.reader();
        SharedSchemaLog.Reader b = shared.reader();
        new SchemaRegistry(a.state, a).register("orders-value", V1);

        assertError(() -> new SchemaRegistry(b.state, b).register("orders-value", ID_AS_INT), 409,
                SchemaRegistryException.INCOMPATIBLE_SCHEMA);
    }

    @Test
    void aSubjectWithoutItsOwnLevelReportsNotConfiguredUnlessAskedForTheDefault() {
        assertError(() -> registry.subjectCompatibility("orders-value", false), 404,
                SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
        assertThat(registry.subjectCompatibility("orders-value", true)).isEqualTo(CompatibilityLevel.BACKWARD);

        registry.setSubjectCompatibility("orders-value", CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(registry.subjectCompatibility("orders-value", false)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(registry.deleteSubjectCompatibility("orders-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertError(() -> registry.subjectCompatibility("orders-value", false), 404,
                SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
    }

    static void assertError(ThrowingCallable call, int status, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).as("HTTP status").isEqualTo(status);
            assertThat(e.errorCode()).as("error_code").isEqualTo(code);
        });
    }
}
