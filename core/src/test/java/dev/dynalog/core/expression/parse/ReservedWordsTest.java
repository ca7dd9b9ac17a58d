package dev.dynalog.core.expression.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservedWordsTest {

    @Test
    void holdsTheDocumentedListLessTheTwoWordsDynamoDbAccepts() {
        // 573 documented words; SIZE and CONVERT are accepted as names by DynamoDB Local
        assertThat(ReservedWords.count()).isEqualTo(571);
    }

    @Test
    void matchesCaseInsensitively() {
        assertThat(ReservedWords.isReserved("name")).isTrue();
        assertThat(ReservedWords.isReserved("Status")).isTrue();
        assertThat(ReservedWords.isReserved("ZONE")).isTrue();
    }

    @Test
    void ordinaryNamesAreFree() {
        assertThat(ReservedWords.isReserved("pk")).isFalse();
        assertThat(ReservedWords.isReserved("size")).isFalse();
    }
}
