#include "query_rewriter.h"

#include <algorithm>

namespace newsdex::searcher {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_delimiter(char c) { return is_space(c) || c == '"' || c == '(' || c == ')'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

enum class Kind { kTerm, kBinaryOperator, kNot, kOpen, kClose };

// One syntactic unit of the query; terms and phrases are already in the form
// QueryParser will read ("+title:\"u s\"").
struct Piece {
  Kind kind;
  std::string text;
  bool is_filter = false;  // field:value of a verbatim (filter) field, unsigned
};

// AND, OR, XOR, NEAR, ADJ, and NEAR/5, ADJ/3.
bool is_binary_operator(std::string_view word) {
  static constexpr std::string_view kOperators[] = {"AND", "OR", "XOR", "NEAR", "ADJ"};
  for (std::string_view op : kOperators) {
    if (word == op) return true;
    if ((op == "NEAR" || op == "ADJ") && word.size() > op.size() + 1 &&
        word.compare(0, op.size(), op) == 0 && word[op.size()] == '/' &&
        std::all_of(word.begin() + static_cast<std::ptrdiff_t>(op.size()) + 1, word.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
  }
  return false;
}

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

class Rewriter {
 public:
  Rewriter(Analyzer& analyzer, const QueryFields& fields, std::vector<std::string>& warnings)
      : analyzer_(analyzer), fields_(fields), warnings_(warnings) {}

  std::string run(std::string_view query) {
    query_ = query;
    lex();
    balance_brackets();
    drop_operators_without_operands();
    hoist_filters();
    std::string out;
    for (const Piece& piece : pieces_) {
      if (!out.empty()) out.push_back(' ');
      out += piece.text;
    }
    return out;
  }

 private:
  void warn(std::string message) {
    if (std::find(warnings_.begin(), warnings_.end(), message) == warnings_.end()) {
      warnings_.push_back(std::move(message));
    }
  }

  bool at_end() const { return pos_ >= query_.size(); }

  // Reads the text of a phrase whose opening quote is at pos_; leaves pos_
  // after the closing quote.
  std::string_view read_phrase() {
    const std::size_t start = ++pos_;
    const std::size_t close = query_.find('"', start);
    if (close == std::string_view::npos) {
      warn("unbalanced quote: the phrase was closed at the end of the query");
      pos_ = query_.size();
      return query_.substr(start);
    }
    pos_ = close + 1;
    return query_.substr(start, close - start);
  }

  void lex() {
    while (!at_end()) {
      const char c = query_[pos_];
      if (is_space(c)) {
        ++pos_;
      } else if (c == '(') {
        pieces_.push_back({Kind::kOpen, "("});
        ++pos_;
      } else if (c == ')') {
        pieces_.push_back({Kind::kClose, ")"});
        ++pos_;
      } else if (c == '"') {
        add_phrase("", read_phrase());
      } else {
        const std::size_t start = pos_;
        while (!at_end() && !is_delimiter(query_[pos_])) ++pos_;
        word(query_.substr(start, pos_ - start));
      }
    }
  }

  void add_phrase(const std::string& lead, std::string_view text) {
    const std::string terms = analysed(text);
    if (terms.empty()) {
      warn("empty phrase ignored");
      return;
    }
    pieces_.push_back({Kind::kTerm, lead + quote(terms)});
  }

  // The searchable units of `text`: one per word position, each with its
  // diacritic-free variant when it has one. Parts of compounds are left out:
  // the compound itself ("email" for "e-mail") matches both spellings.
  struct Unit {
    std::string exact;
    std::string folded;  // empty when the same as `exact`
    std::string spelt;   // umlauts spelt out ("mueller"), or empty
    bool ideographic;
  };
  std::vector<Unit> units(std::string_view text) {
    tokens_.clear();
    analyzer_.tokenize(text, tokens_, 0);
    std::vector<Unit> found;
    for (const Token& token : tokens_) {
      if (token.role == TokenRole::kWord) {
        found.push_back({token.term, "", "", token.kind == TokenKind::kIdeographic});
      }
      // The analyzer emits the folded variant first, then the spelt-out one.
      if (token.role == TokenRole::kVariant && !found.empty()) {
        (found.back().folded.empty() ? found.back().folded : found.back().spelt) = token.term;
      }
    }
    return found;
  }

  // Units as the words of a phrase. Variants sit at the same position as the
  // accented word, so the folded form matches both spellings.
  static std::string phrase_words(const std::vector<Unit>& found) {
    std::string joined;
    for (const Unit& unit : found) {
      if (!joined.empty()) joined.push_back(' ');
      joined += unit.folded.empty() ? unit.exact : unit.folded;
    }
    return joined;
  }

  std::string analysed(std::string_view text) { return phrase_words(units(text)); }

  bool phrase_follows() const { return !at_end() && query_[pos_] == '"'; }

  void word(std::string_view text) {
    if (!fields_.operators) {
      // Natural-language text: "DOES NOT INCLUDE" is three words.
    } else if (text == "NOT") {
      pieces_.push_back({Kind::kNot, "NOT"});
      return;
    } else if (is_binary_operator(text)) {
      pieces_.push_back({Kind::kBinaryOperator, std::string(text)});
      return;
    }
    std::string lead;
    if (text.front() == '+' || text.front() == '-') {
      lead.push_back(text.front());
      text.remove_prefix(1);
      if (text.empty()) {
        if (phrase_follows()) add_phrase(lead, read_phrase());
        return;
      }
    }
    const std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      const std::string_view field = text.substr(0, colon);
      const std::string_view value = text.substr(colon + 1);
      if (contains(fields_.verbatim, field)) {
        filter(lead, field, value);
        return;
      }
      if (contains(fields_.default_field, field)) {
        if (!warned_default_field_) {
          warn("'" + std::string(field) +
               ":' searches title and body together (one text field); 'title:' searches "
               "titles only");
          warned_default_field_ = true;
        }
        text = value;
        if (text.empty()) {
          if (phrase_follows()) add_phrase(lead, read_phrase());
          return;
        }
      } else if (contains(fields_.text, field)) {
        lead += std::string(field) + ":";
        if (value.empty()) {
          if (phrase_follows()) {
            add_phrase(lead, read_phrase());
          } else {
            warn("'" + std::string(field) + ":' without a word ignored");
          }
          return;
        }
        text = value;
      } else if (std::all_of(field.begin(), field.end(), is_ascii_letter)) {
        if (value.empty() && !phrase_follows()) {
          // "nutrition: ..." in natural language: a word, not a field.
          free_text(lead, field);
          return;
        }
        warn("unknown field '" + std::string(field) + ":' ignored");
        text = value;
        if (text.empty()) {
          add_phrase(lead, read_phrase());
          return;
        }
      }
    }
    free_text(lead, text);
  }

  // field:value of a filter field; the value is passed on verbatim.
  void filter(const std::string& lead, std::string_view field, std::string_view value) {
    const std::string prefix = lead + std::string(field) + ":";
    const bool is_filter = lead.empty();
    if (!value.empty()) {
      pieces_.push_back({Kind::kTerm, prefix + std::string(value), is_filter});
    } else if (phrase_follows()) {
      const std::string_view quoted = read_phrase();
      if (quoted.empty()) {
        warn("'" + std::string(field) + ":' without a value ignored");
      } else {
        pieces_.push_back({Kind::kTerm, prefix + quote(quoted), is_filter});
      }
    } else {
      warn("'" + std::string(field) + ":' without a value ignored");
    }
  }

  void free_text(const std::string& lead, std::string_view text) {
    bool wildcard = false;
    if (text.size() > 1 && text.back() == '*') {
      wildcard = true;
      text.remove_suffix(1);
    }
    const std::vector<Unit> found = units(text);
    if (found.empty()) return;  // nothing searchable, e.g. "&" or "--"
    if (found.size() > 1) {
      pieces_.push_back({Kind::kTerm, lead + quote(phrase_words(found))});
      return;
    }
    const Unit& unit = found[0];
    if (unit.ideographic && !wildcard) {
      // Quoted, QueryParser searches the word as written, which is also
      // what MSet::snippet's CJK mode can highlight (it ignores stems).
      pieces_.push_back({Kind::kTerm, lead + quote(unit.exact)});
    } else if (wildcard) {
      pieces_.push_back({Kind::kTerm, stem_field_lead(lead) +
                                          (unit.folded.empty() ? unit.exact : unit.folded) + "*"});
    } else if (!unit.folded.empty() && lead.empty()) {
      // Every spelling: the folded one finds every variant, the exact one
      // adds weight where the accents match, the spelt-out one ("mueller")
      // finds texts written without umlauts.
      std::string any = "(" + unit.exact + " OR " + unit.folded;
      if (!unit.spelt.empty()) any += " OR " + unit.spelt;
      pieces_.push_back({Kind::kTerm, any + ")"});
    } else {
      pieces_.push_back({Kind::kTerm, lead + (unit.folded.empty() ? unit.exact : unit.folded)});
    }
  }

  // "+title:" -> "+titlestem:", "-" -> "-textstem:" (see kStemFieldSuffix).
  static std::string stem_field_lead(const std::string& lead) {
    if (!lead.empty() && lead.back() == ':') {
      return lead.substr(0, lead.size() - 1) + std::string(kStemFieldSuffix) + ":";
    }
    return lead + std::string(kDefaultStemField) + ":";
  }

  void balance_brackets() {
    std::vector<Piece> kept;
    int depth = 0;
    for (Piece& piece : pieces_) {
      if (piece.kind == Kind::kOpen) ++depth;
      if (piece.kind == Kind::kClose) {
        if (depth == 0) {
          warn("unmatched ')' ignored");
          continue;
        }
        --depth;
      }
      kept.push_back(std::move(piece));
    }
    if (depth > 0) {
      warn("unclosed '(' closed at the end of the query");
      for (; depth > 0; --depth) kept.push_back({Kind::kClose, ")"});
    }
    pieces_ = std::move(kept);
  }

  // Removes operators missing an operand and brackets with nothing inside,
  // until none is left (one removal can expose another).
  void drop_operators_without_operands() {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < pieces_.size(); ++i) {
        const Kind kind = pieces_[i].kind;
        const Kind* before = i > 0 ? &pieces_[i - 1].kind : nullptr;
        const Kind* after = i + 1 < pieces_.size() ? &pieces_[i + 1].kind : nullptr;
        const bool operand_after =
            after != nullptr &&
            (*after == Kind::kTerm || *after == Kind::kOpen || *after == Kind::kNot);
        bool drop = false;
        if (kind == Kind::kBinaryOperator) {
          const bool operand_before =
              before != nullptr && (*before == Kind::kTerm || *before == Kind::kClose);
          drop = !operand_before || !operand_after;
          if (drop) warn("'" + pieces_[i].text + "' needs a term on each side; ignored");
        } else if (kind == Kind::kNot) {
          drop = !operand_after || *after == Kind::kNot;
          if (drop) warn("'NOT' needs a term after it; ignored");
        } else if (kind == Kind::kOpen && after != nullptr && *after == Kind::kClose) {
          warn("empty brackets ignored");
          pieces_.erase(pieces_.begin() + static_cast<std::ptrdiff_t>(i),
                        pieces_.begin() + static_cast<std::ptrdiff_t>(i) + 2);
          changed = true;
          break;
        }
        if (drop) {
          pieces_.erase(pieces_.begin() + static_cast<std::ptrdiff_t>(i));
          changed = true;
          break;
        }
      }
    }
  }

  // QueryParser binds a filter to its neighbours only, so "a OR b source:x"
  // would filter b alone. A filter standing free at the top level is meant
  // for the whole query: move such filters after the rest, bracketed.
  void hoist_filters() {
    std::vector<Piece> rest, filters;
    bool has_operator = false;
    int depth = 0;
    for (std::size_t i = 0; i < pieces_.size(); ++i) {
      const Kind kind = pieces_[i].kind;
      if (kind == Kind::kOpen) ++depth;
      if (kind == Kind::kClose) --depth;
      if (depth == 0 && (kind == Kind::kBinaryOperator || kind == Kind::kNot)) has_operator = true;
      const bool operator_before = i > 0 && (pieces_[i - 1].kind == Kind::kBinaryOperator ||
                                             pieces_[i - 1].kind == Kind::kNot);
      const bool operator_after =
          i + 1 < pieces_.size() && pieces_[i + 1].kind == Kind::kBinaryOperator;
      if (depth == 0 && pieces_[i].is_filter && !operator_before && !operator_after) {
        filters.push_back(pieces_[i]);
      } else {
        rest.push_back(pieces_[i]);
      }
    }
    if (!has_operator || filters.empty() || rest.empty()) return;
    pieces_.clear();
    pieces_.push_back({Kind::kOpen, "("});
    pieces_.insert(pieces_.end(), rest.begin(), rest.end());
    pieces_.push_back({Kind::kClose, ")"});
    pieces_.insert(pieces_.end(), filters.begin(), filters.end());
  }

  Analyzer& analyzer_;
  const QueryFields& fields_;
  bool warned_default_field_ = false;
  std::vector<std::string>& warnings_;
  std::string_view query_;
  std::size_t pos_ = 0;
  std::vector<Piece> pieces_;
  std::vector<Token> tokens_;
};

}  // namespace

std::string rewrite_query(std::string_view query, Analyzer& analyzer, const QueryFields& fields,
                          std::vector<std::string>& warnings) {
  return Rewriter(analyzer, fields, warnings).run(query);
}

}  // namespace newsdex::searcher
