package dev.dynalog.core.expression.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionLexerTest {

    private static List<TokenType> types(String text) {
        return ExpressionLexer.tokenize(text).stream().map(Token::type).toList();
    }

    @Test
    void placeholdersNamesAndKeywords() {
        assertThat(types("#n_1 :v2 a_b1 AnD")).containsExactly(
                TokenType.NAME_REF, TokenType.VALUE_REF, TokenType.IDENTIFIER, TokenType.KEYWORD, TokenType.EOF);
    }

    @Test
    void comparatorsOfTwoCharacters() {
        assertThat(types("<> <= >= < >")).containsExactly(
                TokenType.NE, TokenType.LE, TokenType.GE, TokenType.LT, TokenType.GT, TokenType.EOF);
    }

    @Test
    void loneHashAndColonAreInvalid() {
        assertThat(types("# :")).containsExactly(TokenType.INVALID, TokenType.INVALID, TokenType.EOF);
    }

    @Test
    void zeroIsAlwaysANumberOfItsOwn() {
        assertThat(ExpressionLexer.tokenize("007 120").stream().map(Token::text).toList())
                .containsExactly("0", "0", "7", "120", "");
    }

    @Test
    void nonAsciiLettersAreInvalid() {
        assertThat(types("aé")).containsExactly(TokenType.IDENTIFIER, TokenType.INVALID, TokenType.EOF);
    }
}
