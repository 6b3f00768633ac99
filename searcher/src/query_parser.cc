#include "query_parser.h"

#include <algorithm>
#include <utility>

namespace newsdex::searcher {
namespace {

using Kind = QueryNode::Kind;
using Modifier = QueryNode::Modifier;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_delimiter(char c) { return is_space(c) || c == '"' || c == '(' || c == ')'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The default distance of NEAR and ADJ, as in Xapian's QueryParser.
constexpr unsigned kDefaultWindow = 10;
// NEAR/n beyond this is as good as anywhere in an article.
constexpr unsigned kMaxWindow = 100000;

// One syntactic unit of the query, before the tree is built: the repairs
// (brackets, operators without operands, filters to hoist) are decided on
// this flat list, where neighbours are easy to see.
struct Lexeme {
  enum class Type { kItem, kBinary, kNot, kOpen, kClose };
  Type type;
  QueryNode item;        // kItem: the word, phrase or filter; kOpen: its modifier
  Kind op = Kind::kAnd;  // kBinary: kAnd, kOr, kXor, kNear or kAdj
  unsigned window = 0;   // kBinary kNear/kAdj: the n of NEAR/n (0: none given)
  std::string text;      // kBinary, kNot: the operator as written
};
using Type = Lexeme::Type;

// AND, OR, XOR, NEAR, ADJ, and NEAR/5, ADJ/3. Sets `op` and `window`.
bool read_binary_operator(std::string_view word, Kind& op, unsigned& window) {
  window = 0;
  if (word == "AND")
    op = Kind::kAnd;
  else if (word == "OR")
    op = Kind::kOr;
  else if (word == "XOR")
    op = Kind::kXor;
  else if (word == "NEAR")
    op = Kind::kNear;
  else if (word == "ADJ")
    op = Kind::kAdj;
  else {
    const std::size_t slash = word.find('/');
    if (slash == std::string_view::npos || slash + 1 == word.size()) return false;
    const std::string_view name = word.substr(0, slash);
    const std::string_view digits = word.substr(slash + 1);
    if ((name != "NEAR" && name != "ADJ") || !std::all_of(digits.begin(), digits.end(), is_digit)) {
      return false;
    }
    op = name == "NEAR" ? Kind::kNear : Kind::kAdj;
    for (char c : digits) {
      window = std::min(kMaxWindow, window * 10 + static_cast<unsigned>(c - '0'));
    }
    if (window == 0) window = 1;  // NEAR/0: as close as can be
  }
  return true;
}

class Parser {
 public:
  Parser(std::string_view query, const QueryParseOptions& options)
      : query_(query), options_(options) {}

  ParsedQuery run() {
    lex();
    balance_brackets();
    drop_operators_without_operands();
    drop_misplaced_proximity_operators();
    hoist_filters();
    ParsedQuery parsed;
    if (!lexemes_.empty()) {
      parsed.root = parse_or();
      parsed.empty = false;
    }
    parsed.warnings = std::move(warnings_);
    return parsed;
  }

 private:
  // ---- Lexing ---------------------------------------------------------------

  void warn(QueryWarningCode code, std::string_view fragment, std::string message) {
    for (const QueryWarning& known : warnings_) {
      if (known.code == code && known.message == message) return;
    }
    warnings_.push_back({code, std::string(fragment), std::move(message)});
  }

  bool at_end() const { return pos_ >= query_.size(); }
  bool phrase_follows() const { return !at_end() && query_[pos_] == '"'; }
  bool bracket_follows() const { return !at_end() && query_[pos_] == '('; }

  // Reads a phrase whose opening quote is at pos_; leaves pos_ after the
  // closing quote. Returns the span of the text inside the quotes.
  QuerySpan read_phrase() {
    const std::size_t open = pos_++;
    const std::size_t close = query_.find('"', pos_);
    if (close == std::string_view::npos) {
      warn(QueryWarningCode::kUnbalancedQuote, query_.substr(open),
           "unbalanced quote: the phrase was closed at the end of the query");
      pos_ = query_.size();
      return {open + 1, query_.size()};
    }
    pos_ = close + 1;
    return {open + 1, close};
  }

  std::string_view text_of(QuerySpan span) const {
    return query_.substr(span.start, span.end - span.start);
  }

  void lex() {
    while (!at_end()) {
      const char c = query_[pos_];
      if (is_space(c)) {
        ++pos_;
      } else if (c == '(') {
        open_bracket(Modifier::kNone);
      } else if (c == ')') {
        lexemes_.push_back({Type::kClose, {}, Kind::kAnd, 0, ")"});
        ++pos_;
      } else if (c == '"') {
        add_phrase(Modifier::kNone, Field::kText, read_phrase());
      } else {
        const std::size_t start = pos_;
        while (!at_end() && !is_delimiter(query_[pos_])) ++pos_;
        word({start, pos_});
      }
    }
  }

  void open_bracket(Modifier modifier) {
    Lexeme open{Type::kOpen, {}, Kind::kAnd, 0, "("};
    open.item.modifier = modifier;
    lexemes_.push_back(std::move(open));
    ++pos_;
  }

  void add_item(QueryNode node) {
    lexemes_.push_back({Type::kItem, std::move(node), Kind::kAnd, 0, {}});
  }

  void add_phrase(Modifier modifier, Field field, QuerySpan span) {
    const std::string_view text = text_of(span);
    if (std::all_of(text.begin(), text.end(), is_space)) {
      warn(QueryWarningCode::kEmptyPhrase, "\"" + std::string(text) + "\"", "empty phrase ignored");
      return;
    }
    QueryNode node;
    node.kind = Kind::kPhrase;
    node.modifier = modifier;
    node.field = field;
    node.text = std::string(text);
    node.span = span;
    add_item(std::move(node));
  }

  // What may follow a lone "+", "-" or "field:": a phrase, or for +/- a
  // bracket. Returns false when neither does.
  bool add_quoted_or_bracketed(Modifier modifier, Field field, bool bracket_allowed) {
    if (phrase_follows()) {
      add_phrase(modifier, field, read_phrase());
      return true;
    }
    if (bracket_allowed && bracket_follows()) {
      open_bracket(modifier);
      return true;
    }
    return false;
  }

  void word(QuerySpan span) {
    std::string_view text = text_of(span);
    if (options_.operators) {
      Kind op;
      unsigned window;
      if (text == "NOT") {
        lexemes_.push_back({Type::kNot, {}, Kind::kAnd, 0, "NOT"});
        return;
      }
      if (read_binary_operator(text, op, window)) {
        lexemes_.push_back({Type::kBinary, {}, op, window, std::string(text)});
        return;
      }
    }
    // Natural-language text: "DOES NOT INCLUDE" is three words.
    Modifier modifier = Modifier::kNone;
    if (text.front() == '+' || text.front() == '-') {
      modifier = text.front() == '+' ? Modifier::kRequired : Modifier::kExcluded;
      text.remove_prefix(1);
      ++span.start;
      if (text.empty()) {
        add_quoted_or_bracketed(modifier, Field::kText, true);
        return;
      }
    }
    const std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      const std::string_view name = text.substr(0, colon);
      const std::string_view value = text.substr(colon + 1);
      const QuerySpan value_span{span.start + colon + 1, span.end};
      const FieldSpec* spec = find_field(name);
      if (spec != nullptr && !spec->in_query) spec = nullptr;
      if (spec != nullptr && spec->kind != FieldKind::kText) {
        filter(modifier, *spec, value_span);
        return;
      }
      if (spec != nullptr && spec->field == Field::kText) {
        warn(QueryWarningCode::kDefaultFieldName, text.substr(0, colon + 1),
             "'" + std::string(name) +
                 ":' searches title and body together (one text field); 'title:' searches "
                 "titles only");
        if (value.empty()) {
          add_quoted_or_bracketed(modifier, Field::kText, false);
          return;
        }
        free_word(modifier, Field::kText, value_span);
        return;
      }
      if (spec != nullptr) {  // title:
        if (!value.empty()) {
          free_word(modifier, spec->field, value_span);
        } else if (!add_quoted_or_bracketed(modifier, spec->field, false)) {
          warn(QueryWarningCode::kEmptyField, text,
               "'" + std::string(name) + ":' without a word ignored");
        }
        return;
      }
      if (std::all_of(name.begin(), name.end(), is_ascii_letter)) {
        if (value.empty() && !phrase_follows()) {
          // "nutrition: ..." in natural language: a word, not a field.
          free_word(modifier, Field::kText, {span.start, span.start + colon});
          return;
        }
        warn(QueryWarningCode::kUnknownField, text.substr(0, colon + 1),
             "unknown field '" + std::string(name) + ":' ignored");
        if (value.empty()) {
          add_phrase(modifier, Field::kText, read_phrase());
        } else {
          free_word(modifier, Field::kText, value_span);
        }
        return;
      }
    }
    free_word(modifier, Field::kText, span);
  }

  // field:value of a filter field; the value is taken verbatim.
  void filter(Modifier modifier, const FieldSpec& spec, QuerySpan value) {
    if (value.start == value.end) {
      if (phrase_follows()) value = read_phrase();
      if (value.start == value.end) {
        warn(QueryWarningCode::kEmptyField, std::string(spec.name) + ":",
             "'" + std::string(spec.name) + ":' without a value ignored");
        return;
      }
    }
    QueryNode node;
    node.kind = Kind::kFilter;
    node.modifier = modifier;
    node.field = spec.field;
    node.text = std::string(text_of(value));
    node.span = value;
    add_item(std::move(node));
  }

  void free_word(Modifier modifier, Field field, QuerySpan span) {
    QueryNode node;
    node.kind = Kind::kWord;
    node.modifier = modifier;
    node.field = field;
    std::string_view text = text_of(span);
    if (text.size() > 1 && text.back() == '*') {
      node.wildcard = true;
      text.remove_suffix(1);
      --span.end;
    }
    node.text = std::string(text);
    node.span = span;
    add_item(std::move(node));
  }

  // ---- Repairs ----------------------------------------------------------------

  void balance_brackets() {
    std::vector<Lexeme> kept;
    int depth = 0;
    for (Lexeme& lexeme : lexemes_) {
      if (lexeme.type == Type::kOpen) ++depth;
      if (lexeme.type == Type::kClose) {
        if (depth == 0) {
          warn(QueryWarningCode::kUnmatchedBracket, ")", "unmatched ')' ignored");
          continue;
        }
        --depth;
      }
      kept.push_back(std::move(lexeme));
    }
    if (depth > 0) {
      warn(QueryWarningCode::kUnclosedBracket, "(", "unclosed '(' closed at the end of the query");
      for (; depth > 0; --depth) kept.push_back({Type::kClose, {}, Kind::kAnd, 0, ")"});
    }
    lexemes_ = std::move(kept);
  }

  bool is_operand_start(std::size_t i) const {
    if (i >= lexemes_.size()) return false;
    const Type type = lexemes_[i].type;
    return type == Type::kItem || type == Type::kOpen || type == Type::kNot;
  }
  bool is_operand_end(std::size_t i) const {
    if (i >= lexemes_.size()) return false;
    const Type type = lexemes_[i].type;
    return type == Type::kItem || type == Type::kClose;
  }

  void erase(std::size_t i, std::size_t n = 1) {
    lexemes_.erase(lexemes_.begin() + static_cast<std::ptrdiff_t>(i),
                   lexemes_.begin() + static_cast<std::ptrdiff_t>(i + n));
  }

  // Removes operators missing an operand and brackets with nothing inside,
  // until none is left (one removal can expose another).
  void drop_operators_without_operands() {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < lexemes_.size() && !changed; ++i) {
        const Lexeme& lexeme = lexemes_[i];
        if (lexeme.type == Type::kBinary) {
          if (i == 0 || !is_operand_end(i - 1) || !is_operand_start(i + 1)) {
            warn(QueryWarningCode::kMissingOperand, lexeme.text,
                 "'" + lexeme.text + "' needs a term on each side; ignored");
            erase(i);
            changed = true;
          }
        } else if (lexeme.type == Type::kNot) {
          if (!is_operand_start(i + 1) || lexemes_[i + 1].type == Type::kNot) {
            warn(QueryWarningCode::kMissingOperand, "NOT", "'NOT' needs a term after it; ignored");
            erase(i);
            changed = true;
          }
        } else if (lexeme.type == Type::kOpen && i + 1 < lexemes_.size() &&
                   lexemes_[i + 1].type == Type::kClose) {
          warn(QueryWarningCode::kEmptyBrackets, "()", "empty brackets ignored");
          erase(i, 2);
          changed = true;
        }
      }
    }
  }

  bool is_plain_word(std::size_t i, bool modifier_allowed) const {
    if (i >= lexemes_.size() || lexemes_[i].type != Type::kItem) return false;
    const QueryNode& item = lexemes_[i].item;
    return item.kind == Kind::kWord && !item.wildcard &&
           (modifier_allowed || item.modifier == Modifier::kNone);
  }

  // NEAR and ADJ join single words (a phrase or a bracket has no one
  // position to measure from); elsewhere, or between NEAR and ADJ mixed in
  // one chain, the operator is dropped and its operands stand side by side.
  void drop_misplaced_proximity_operators() {
    for (std::size_t i = 0; i < lexemes_.size(); ++i) {
      const Lexeme& lexeme = lexemes_[i];
      if (lexeme.type != Type::kBinary || (lexeme.op != Kind::kNear && lexeme.op != Kind::kAdj)) {
        continue;
      }
      const bool chained = i >= 2 && lexemes_[i - 2].type == Type::kBinary;
      const bool mixed = chained &&
                         (lexemes_[i - 2].op == Kind::kNear || lexemes_[i - 2].op == Kind::kAdj) &&
                         lexemes_[i - 2].op != lexeme.op;
      if (!is_plain_word(i - 1, !chained) || !is_plain_word(i + 1, false) || mixed) {
        warn(QueryWarningCode::kProximityNeedsWords, lexeme.text,
             "'" + lexeme.text + "' joins single words only; ignored");
        erase(i);
        --i;
      }
    }
  }

  // A filter standing free at the top level is meant for the whole query:
  // "a OR b source:x" is "(a OR b) source:x". Such filters move after the
  // rest, bracketed.
  void hoist_filters() {
    std::vector<bool> is_free(lexemes_.size(), false);
    bool has_operator = false;
    bool has_free = false;
    bool has_rest = false;
    int depth = 0;
    for (std::size_t i = 0; i < lexemes_.size(); ++i) {
      const Type type = lexemes_[i].type;
      if (type == Type::kOpen) ++depth;
      if (type == Type::kClose) --depth;
      if (depth == 0 && (type == Type::kBinary || type == Type::kNot)) has_operator = true;
      const bool operator_before =
          i > 0 && (lexemes_[i - 1].type == Type::kBinary || lexemes_[i - 1].type == Type::kNot);
      const bool operator_after = i + 1 < lexemes_.size() && lexemes_[i + 1].type == Type::kBinary;
      is_free[i] = depth == 0 && type == Type::kItem && lexemes_[i].item.kind == Kind::kFilter &&
                   lexemes_[i].item.modifier == Modifier::kNone && !operator_before &&
                   !operator_after;
      (is_free[i] ? has_free : has_rest) = true;
    }
    if (!has_operator || !has_free || !has_rest) return;
    std::vector<Lexeme> hoisted;
    hoisted.push_back({Type::kOpen, {}, Kind::kAnd, 0, "("});
    for (std::size_t i = 0; i < lexemes_.size(); ++i) {
      if (!is_free[i]) hoisted.push_back(std::move(lexemes_[i]));
    }
    hoisted.push_back({Type::kClose, {}, Kind::kAnd, 0, ")"});
    for (std::size_t i = 0; i < lexemes_.size(); ++i) {
      if (is_free[i]) hoisted.push_back(std::move(lexemes_[i]));
    }
    lexemes_ = std::move(hoisted);
  }

  // ---- The tree ----------------------------------------------------------------

  bool next_is(Type type) const { return next_ < lexemes_.size() && lexemes_[next_].type == type; }
  bool next_is_binary(Kind op) const { return next_is(Type::kBinary) && lexemes_[next_].op == op; }

  static QueryNode node(Kind kind, QueryNode left, QueryNode right) {
    QueryNode parent;
    parent.kind = kind;
    parent.children.push_back(std::move(left));
    parent.children.push_back(std::move(right));
    return parent;
  }

  QueryNode parse_or() {
    QueryNode left = parse_xor();
    while (next_is_binary(Kind::kOr)) {
      ++next_;
      left = node(Kind::kOr, std::move(left), parse_xor());
    }
    return left;
  }

  QueryNode parse_xor() {
    QueryNode left = parse_and();
    while (next_is_binary(Kind::kXor)) {
      ++next_;
      left = node(Kind::kXor, std::move(left), parse_and());
    }
    return left;
  }

  // AND and NOT bind alike, left to right; a NOT with nothing before it
  // means every article but.
  QueryNode parse_and() {
    QueryNode left;
    if (next_is(Type::kNot)) {
      ++next_;
      left.kind = Kind::kAllBut;
      left.children.push_back(parse_sequence());
    } else {
      left = parse_sequence();
    }
    for (;;) {
      if (next_is_binary(Kind::kAnd)) {
        ++next_;
        if (next_is(Type::kNot)) {
          ++next_;
          left = node(Kind::kAndNot, std::move(left), parse_sequence());
        } else {
          left = node(Kind::kAnd, std::move(left), parse_sequence());
        }
      } else if (next_is(Type::kNot)) {
        ++next_;
        left = node(Kind::kAndNot, std::move(left), parse_sequence());
      } else {
        return left;
      }
    }
  }

  // Items side by side: words, phrases, filters, NEAR/ADJ chains and
  // bracketed expressions.
  QueryNode parse_sequence() {
    QueryNode sequence;
    sequence.kind = Kind::kSequence;
    while (next_is(Type::kItem) || next_is(Type::kOpen)) {
      if (next_is(Type::kOpen)) {
        const Modifier modifier = lexemes_[next_].item.modifier;
        ++next_;
        QueryNode inner = parse_or();
        if (next_is(Type::kClose)) ++next_;
        if (inner.kind == Kind::kWord || inner.kind == Kind::kFilter) {
          // "(of)", "(source:x)": a group of one, which the sequence around
          // it must not take for a loose word (stopwords) or filter.
          QueryNode group;
          group.kind = Kind::kSequence;
          group.children.push_back(std::move(inner));
          inner = std::move(group);
        }
        inner.modifier = modifier;
        sequence.children.push_back(std::move(inner));
        continue;
      }
      QueryNode item = std::move(lexemes_[next_++].item);
      if (next_is_binary(Kind::kNear) || next_is_binary(Kind::kAdj)) {
        item = parse_proximity(std::move(item));
      }
      sequence.children.push_back(std::move(item));
    }
    if (sequence.children.size() == 1 && sequence.children[0].modifier == Modifier::kNone) {
      return std::move(sequence.children[0]);
    }
    return sequence;
  }

  // first NEAR second NEAR/3 third ...: the widest distance given applies.
  QueryNode parse_proximity(QueryNode first) {
    QueryNode chain;
    chain.kind = lexemes_[next_].op;
    chain.modifier = first.modifier;
    first.modifier = Modifier::kNone;
    chain.window = 0;
    chain.children.push_back(std::move(first));
    while (next_is_binary(chain.kind)) {
      chain.window = std::max(chain.window, lexemes_[next_].window);
      ++next_;
      chain.children.push_back(std::move(lexemes_[next_++].item));
    }
    if (chain.window == 0) chain.window = kDefaultWindow;
    return chain;
  }

  std::string_view query_;
  const QueryParseOptions& options_;
  std::size_t pos_ = 0;
  std::vector<Lexeme> lexemes_;
  std::size_t next_ = 0;
  std::vector<QueryWarning> warnings_;
};

}  // namespace

ParsedQuery parse_query(std::string_view query, const QueryParseOptions& options) {
  return Parser(query, options).run();
}

}  // namespace newsdex::searcher
