package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeExamplesTest {
    private static final List<String> README = List.of(
            "# Title",
            "",
            "<!-- not run: it serves until stopped -->",
            "",
            "    ./dynalog serve",
            "",
            "Try it:",
            "",
            "    export E=x",
            "    aws dynamodb list-tables $E \\",
            "",
            "        --output text",
            "",
            "```python",
            "import boto3",
            "print(1)",
            "```",
            "",
            "```java",
            "class A {}",
            "```",
            "",
            "```python",
            "import re, pytest",
            "def test_x(): pass",
            "```");

    @Test
    void indentedBlocksAreShellExamplesAndPythonFencesPythonOnesInReadmeOrder() {
        List<ReadmeExamples.Example> examples = ReadmeExamples.parse(README);

        assertThat(examples).extracting(ReadmeExamples.Example::kind).containsExactly(
                ReadmeExamples.Kind.SHELL, ReadmeExamples.Kind.PYTHON, ReadmeExamples.Kind.PYTHON);
        assertThat(examples.get(0).line()).isEqualTo(9);
        assertThat(examples.get(0).text()).isEqualTo("export E=x\naws dynamodb list-tables $E \\\n\n    --output text\n");
        assertThat(examples.get(1).text()).isEqualTo("import boto3\nprint(1)\n");
        assertThat(examples.get(1).line()).isEqualTo(15);
    }

    @Test
    void aBlockAfterANotRunCommentIsLeftOutAndAPytestModuleIsRecognised() {
        List<ReadmeExamples.Example> examples = ReadmeExamples.parse(README);

        assertThat(examples).noneMatch(e -> e.text().contains("serve"));
        assertThat(examples).extracting(ReadmeExamples.Example::isPytestModule).containsExactly(false, false, true);
    }
}
