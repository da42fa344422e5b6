package org.gongkai.publication;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How search normalises text, the same for what people type and for what is indexed: NFKC (full-width ＡＥＦＩ is AEFI),
 * lower case, the brackets of document numbers made one kind (〔〕, [], (), 【】 and their full-width forms all become
 * 〔〕), and punctuation and spaces between two CJK characters dropped (双随机、一公开 is 双随机一公开).
 * <p>
 * The indexed side is computed by PostgreSQL at insert, in generated columns of {@code publication_snapshot}, with
 * {@code search_normalise()} and {@code search_key()} of V33, which mirror {@link #normalise} and {@link #key} character
 * class for character class; {@code SearchTextTests} compares the two over whole Unicode blocks.
 */
public final class SearchText {

    /** Han ideographs (with 々〆〇) that punctuation between is dropped; the same ranges as V33's {@code search_normalise}. */
    static final String CJK = "\\u3005-\\u3007\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\x{20000}-\\x{3FFFF}";
    /**
     * Punctuation, symbols of the punctuation blocks and spaces; the same ranges as V33's {@code search_normalise}. Not the
     * asterisk: it stands for masked characters (王*芳), and dropping it would make the raw form 王芳 findable.
     */
    static final String PUNCTUATION = "\\u0009-\\u000D\\u0020-\\u0029\\u002B-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E"
            + "\\u0085\\u00A0-\\u00BF\\u00D7\\u00F7\\u2000-\\u206F\\u2E00-\\u2E7F\\u3000-\\u3004\\u3008-\\u3020\\u302A-\\u3030"
            + "\\u303D-\\u303F\\uFE10-\\uFE1F\\uFE30-\\uFE6F\\uFEFF\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65";

    private static final Pattern BETWEEN_CJK = Pattern.compile("(?<=[" + CJK + "])[" + PUNCTUATION + "]+(?=[" + CJK + "])");
    private static final Pattern NOT_KEY = Pattern.compile("[" + PUNCTUATION + "]+");
    /** Where a query splits into terms: any punctuation, asterisk or space left after normalising, except the brackets. */
    private static final Pattern TERM_SEPARATOR = Pattern.compile("[" + PUNCTUATION + "*&&[^〔〕]]+");

    private SearchText() {
    }

    /** The normalised form of a text; null stays null. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder bracketed = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            bracketed.append(switch (c) {
                case '(', '[', '【' -> '〔';
                case ')', ']', '】' -> '〕';
                default -> c;
            });
        }
        return BETWEEN_CJK.matcher(bracketed).replaceAll("");
    }

    /**
     * The key of a 文号 or 索引号 for an exact match: normalised, without any punctuation or space, so that
     * 示卫规字〔2025〕3号, 示卫规字[2025]3号 and 示卫规字(2025) 3号 are one key. Null or empty stays null.
     */
    public static String key(String text) {
        if (text == null) {
            return null;
        }
        String key = NOT_KEY.matcher(normalise(text)).replaceAll("");
        return key.isEmpty() ? null : key;
    }

    /**
     * The search terms of a query, normalised: split at spaces (each part must occur, anywhere), then at punctuation that
     * is left (not between CJK characters); brackets are kept inside a term (示卫规字〔2025〕3号) and dropped at its ends;
     * only letters, digits and brackets remain.
     */
    static List<String> terms(String query) {
        List<String> terms = new ArrayList<>();
        for (String part : query.strip().split("[\\s\\u3000]+")) {
            for (String piece : TERM_SEPARATOR.split(normalise(part))) {
                StringBuilder clean = new StringBuilder();
                piece.codePoints().filter(c -> Character.isLetterOrDigit(c) || c == '〔' || c == '〕').forEach(clean::appendCodePoint);
                String term = clean.toString().replaceAll("^[〔〕]+|[〔〕]+$", "");
                if (!term.isEmpty() && !terms.contains(term)) {
                    terms.add(term);
                }
            }
        }
        return terms;
    }

    /**
     * A text normalised as {@link #normalise} does, character by character, with where each normalised character came
     * from in the original ({@code from} inclusive, {@code to} exclusive), so that a term found in the normalised text can
     * be highlighted in the original one. Normalising each character alone differs from the whole text only for combining
     * sequences, where a highlight may then be missed.
     */
    record Mapped(String text, int[] from, int[] to) {

        /** Where in the original the first occurrence of {@code term} at or after normalised position {@code start} is. */
        int indexOf(String term, int start) {
            return text.indexOf(term, start);
        }
    }

    static Mapped mapped(String original) {
        StringBuilder out = new StringBuilder(original.length());
        int[] from = new int[original.length() * 4 + 4];
        int[] to = new int[from.length];
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            String piece = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            for (int k = 0; k < piece.length(); k++) {
                if (out.length() == from.length) {
                    from = java.util.Arrays.copyOf(from, from.length * 2);
                    to = java.util.Arrays.copyOf(to, to.length * 2);
                }
                char c = piece.charAt(k);
                out.append(switch (c) {
                    case '(', '[', '【' -> '〔';
                    case ')', ']', '】' -> '〕';
                    default -> c;
                });
                from[out.length() - 1] = i;
                to[out.length() - 1] = next;
            }
            i = next;
        }
        StringBuilder text = new StringBuilder(out.length());
        int[] keptFrom = new int[out.length()];
        int[] keptTo = new int[out.length()];
        java.util.regex.Matcher between = BETWEEN_CJK.matcher(out);
        int at = 0;
        while (at < out.length()) {
            int dropFrom = between.find(at) ? between.start() : out.length();
            int dropTo = dropFrom < out.length() ? between.end() : out.length();
            for (int k = at; k < dropFrom; k++) {
                keptFrom[text.length()] = from[k];
                keptTo[text.length()] = to[k];
                text.append(out.charAt(k));
            }
            at = dropTo;
        }
        return new Mapped(text.toString(), java.util.Arrays.copyOf(keptFrom, text.length()),
                java.util.Arrays.copyOf(keptTo, text.length()));
    }
}
