#include "stopwords.h"

#include <string>

namespace newsdex::analysis {
namespace {

// Short lists of the most frequent function words (articles, pronouns,
// auxiliaries, prepositions, conjunctions), written for newsdex. Short on
// purpose: a stopword can never be searched for outside a phrase.
const std::vector<std::string_view> kEnglish = {
    "a",      "about",  "above",    "after",      "again",   "against", "all",    "am",
    "an",     "and",    "any",      "are",        "as",      "at",      "be",     "because",
    "been",   "before", "being",    "below",      "between", "both",    "but",    "by",
    "can",    "could",  "did",      "do",         "does",    "doing",   "down",   "during",
    "each",   "few",    "for",      "from",       "further", "had",     "has",    "have",
    "having", "he",     "her",      "here",       "hers",    "herself", "him",    "himself",
    "his",    "how",    "i",        "if",         "in",      "into",    "is",     "it",
    "its",    "itself", "me",       "more",       "most",    "my",      "myself", "no",
    "nor",    "of",     "off",      "on",         "once",    "only",    "or",     "other",
    "ought",  "our",    "ours",     "ourselves",  "out",     "over",    "own",    "same",
    "she",    "should", "so",       "some",       "such",    "than",    "that",   "the",
    "their",  "theirs", "them",     "themselves", "then",    "there",   "these",  "they",
    "this",   "those",  "through",  "to",         "too",     "under",   "until",  "up",
    "very",   "was",    "we",       "were",       "what",    "when",    "where",  "which",
    "while",  "who",    "whom",     "why",        "will",    "with",    "would",  "you",
    "your",   "yours",  "yourself", "yourselves"};

const std::vector<std::string_view> kGerman = {
    "aber",  "als",  "am",    "an",    "auch",   "auf",    "aus",   "bei",  "bin",   "bis",
    "bist",  "da",   "damit", "dann",  "das",    "dass",   "dem",   "den",  "denn",  "der",
    "des",   "die",  "dies",  "diese", "dieser", "dieses", "doch",  "dort", "du",    "durch",
    "ein",   "eine", "einem", "einen", "einer",  "eines",  "er",    "es",   "für",   "hat",
    "hatte", "hier", "ich",   "ihr",   "ihre",   "im",     "in",    "ist",  "ja",    "jetzt",
    "kann",  "kein", "keine", "man",   "mit",    "nach",   "nicht", "noch", "nun",   "nur",
    "ob",    "oder", "ohne",  "sehr",  "sein",   "seine",  "sich",  "sie",  "sind",  "so",
    "um",    "und",  "uns",   "unter", "vom",    "von",    "vor",   "war",  "waren", "was",
    "weil",  "wenn", "wer",   "wie",   "wir",    "wird",   "wo",    "zu",   "zum",   "zur",
    "über"};

const std::vector<std::string_view> kFrench = {
    "au",    "aux",   "avec", "ce",  "ces",   "cette", "dans", "de",   "des", "du",  "elle",
    "elles", "en",    "est",  "et",  "eux",   "il",    "ils",  "je",   "la",  "le",  "les",
    "leur",  "leurs", "lui",  "ma",  "mais",  "me",    "mes",  "moi",  "mon", "ne",  "nos",
    "notre", "nous",  "on",   "ou",  "où",    "par",   "pas",  "pour", "qu",  "que", "qui",
    "sa",    "se",    "ses",  "son", "sont",  "sur",   "ta",   "te",   "tes", "toi", "ton",
    "tu",    "un",    "une",  "vos", "votre", "vous",  "été",  "être"};

const std::vector<std::string_view> kSpanish = {
    "a",     "al",   "algo", "como",  "con", "de",  "del",     "el",   "ella", "ellas",
    "ellos", "en",   "era",  "es",    "esa", "ese", "eso",     "esta", "este", "esto",
    "fue",   "ha",   "han",  "la",    "las", "le",  "les",     "lo",   "los",  "me",
    "mi",    "muy",  "más",  "no",    "nos", "o",   "para",    "pero", "por",  "que",
    "qué",   "se",   "sin",  "sobre", "su",  "sus", "también", "te",   "tu",   "un",
    "una",   "unas", "uno",  "unos",  "y",   "ya",  "yo",      "él"};

const std::vector<std::string_view> kItalian = {
    "a",   "al",    "alla", "anche", "che", "chi", "ci",    "come", "con", "da",  "dal", "dei",
    "del", "della", "di",   "e",     "è",   "gli", "ha",    "i",    "il",  "in",  "io",  "la",
    "le",  "lo",    "ma",   "mi",    "ne",  "nel", "nella", "non",  "o",   "per", "più", "se",
    "si",  "sono",  "su",   "sua",   "suo", "tra", "un",    "una",  "uno"};

const std::vector<std::string_view> kDutch = {
    "aan",  "al",  "als", "bij",  "dan", "dat", "de",   "die", "dit",  "door", "een", "en",
    "er",   "het", "hij", "hoe",  "ik",  "in",  "is",   "je",  "maar", "met",  "na",  "naar",
    "niet", "nog", "of",  "om",   "ook", "op",  "over", "te",  "tot",  "uit",  "van", "voor",
    "was",  "wat", "we",  "werd", "wie", "wij", "zijn", "ze",  "zich", "zij",  "zo"};

const std::vector<std::string_view> kPortuguese = {
    "a",   "ao",  "as",  "com",   "como", "da",  "das", "de",     "do",   "dos",  "e",    "é",
    "ela", "ele", "em",  "entre", "era",  "eu",  "foi", "isso",   "isto", "já",   "mais", "mas",
    "me",  "na",  "nas", "no",    "nos",  "não", "o",   "os",     "ou",   "para", "pela", "pelo",
    "por", "que", "se",  "sem",   "seu",  "sua", "são", "também", "um",   "uma"};

const std::vector<std::string_view> kNone;

}  // namespace

const std::vector<std::string_view>& stopwords(std::string_view language) {
  const std::string code(language.substr(0, language.find_first_of("-_")));
  if (code == "en" || code == "english") return kEnglish;
  if (code == "de" || code == "german") return kGerman;
  if (code == "fr" || code == "french") return kFrench;
  if (code == "es" || code == "spanish") return kSpanish;
  if (code == "it" || code == "italian") return kItalian;
  if (code == "nl" || code == "dutch") return kDutch;
  if (code == "pt" || code == "portuguese") return kPortuguese;
  return kNone;
}

}  // namespace newsdex::analysis
