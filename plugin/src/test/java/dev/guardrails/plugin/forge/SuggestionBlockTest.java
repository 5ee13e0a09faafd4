package dev.guardrails.plugin.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The suggested change in each forge's syntax, and where a forge can place it. */
class SuggestionBlockTest {

    private static final Publication.Suggestion S = new Publication.Suggestion(10, 13, "a:\n  b: true", "intro", "fallback");

    @Test
    void gitHubReplacesTheCommentedRangeAndGitLabCountsLinesAroundTheComment() {
        assertThat(S.block(false, 10)).isEqualTo("```suggestion\na:\n  b: true\n```");
        assertThat(S.block(true, 11)).isEqualTo("```suggestion:-1+2\na:\n  b: true\n```");
    }

    @Test
    void theFenceOutgrowsAnyBacktickRunInTheText() {
        Publication.Suggestion s = new Publication.Suggestion(1, 1, "x: ```` y", "i", "f");
        assertThat(s.block(false, 1)).startsWith("`````suggestion\n").endsWith("\n`````");
    }

    @Test
    void withoutABlockTheFallbackIsShownAndEveryFindingKeepsItsMarker() {
        Publication.InlineComment c = new Publication.InlineComment("f.yaml", 10, List.of("k1", "k2"), "body", S);
        assertThat(c.render(null)).isEqualTo(Publication.findingMarker("k1") + Publication.findingMarker("k2")
                + "\nbody\n\nfallback");
        assertThat(c.render("BLOCK")).endsWith("body\n\nintro\n\nBLOCK");
        assertThat(c.postedIn(List.of(Publication.findingMarker("k1")))).isFalse();
        assertThat(c.postedIn(List.of(Publication.findingMarker("k1"), "x" + Publication.findingMarker("k2")))).isTrue();
    }

    @Test
    void hunksGiveTheNewSideLinesTheyShow() {
        String patch = "@@ -1,3 +1,4 @@\n a\n+b\n c\n d\n@@ -20 +21,0 @@\n-gone\n@@ -30,2 +31 @@\n-x\n y\n";
        assertThat(DiffLines.hunks(patch)).containsExactly(new DiffLines.Hunk(1, 4), new DiffLines.Hunk(31, 31));
        assertThat(DiffLines.hunks(null)).isEmpty();
        assertThat(new DiffLines.Hunk(1, 4).contains(2, 4)).isTrue();
        assertThat(new DiffLines.Hunk(1, 4).contains(3, 5)).isFalse();
    }
}
