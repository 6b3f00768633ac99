#include "query_rewriter.h"

#include <algorithm>

namespace newsdex::searcher {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_delimiter(char c) { return is_space(c) || c == '"' || c == '(' || c == ')'; }

bool is_operator(std::string_view word) {
  static constexpr std::string_view kOperators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  for (std::string_view op : kOperators) {
    if (word == op) return true;
    // NEAR/5, ADJ/3
    if (word.size() > op.size() + 1 && word.compare(0, op.size(), op) == 0 &&
        word[op.size()] == '/' &&
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

class Rewriter {
 public:
  Rewriter(Analyzer& analyzer, const QueryFields& fields) : analyzer_(analyzer), fields_(fields) {}

  std::string run(std::string_view query) {
    std::size_t i = 0;
    while (i < query.size()) {
      const char c = query[i];
      if (is_space(c) || c == '(' || c == ')') {
        out_.push_back(c);
        ++i;
      } else if (c == '"') {
        in_phrase_ = !in_phrase_;
        out_.push_back(c);
        ++i;
      } else {
        std::size_t end = i;
        while (end < query.size() && !is_delimiter(query[end])) ++end;
        word(query.substr(i, end - i));
        i = end;
      }
    }
    return std::move(out_);
  }

 private:
  void word(std::string_view text) {
    if (!in_phrase_) {
      if (is_operator(text)) {
        out_.append(text);
        return;
      }
      if (text.front() == '+' || text.front() == '-') {
        out_.push_back(text.front());
        text.remove_prefix(1);
        if (text.empty()) return;
      }
      const std::size_t colon = text.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        const std::string_view field = text.substr(0, colon);
        if (contains(fields_.verbatim, field)) {
          out_.append(text);
          return;
        }
        if (contains(fields_.text, field)) {
          out_.append(text.substr(0, colon + 1));
          text.remove_prefix(colon + 1);
          if (text.empty()) return;  // `title:"..."`: the phrase follows
        }
      }
    }
    free_text(text);
  }

  void free_text(std::string_view text) {
    bool wildcard = false;
    if (!in_phrase_ && text.size() > 1 && text.back() == '*') {
      wildcard = true;
      text.remove_suffix(1);
    }
    tokens_.clear();
    analyzer_.tokenize(text, tokens_, 0);
    if (tokens_.empty()) {
      return;  // nothing searchable, e.g. "&" or "--"
    }
    const bool as_phrase = tokens_.size() > 1 && !in_phrase_;
    if (as_phrase) out_.push_back('"');
    for (std::size_t k = 0; k < tokens_.size(); ++k) {
      if (k > 0) out_.push_back(' ');
      out_.append(tokens_[k].term);
    }
    if (as_phrase) out_.push_back('"');
    if (wildcard && !as_phrase) out_.push_back('*');
  }

  Analyzer& analyzer_;
  const QueryFields& fields_;
  std::string out_;
  std::vector<Token> tokens_;
  bool in_phrase_ = false;
};

}  // namespace

std::string rewrite_query(std::string_view query, Analyzer& analyzer, const QueryFields& fields) {
  return Rewriter(analyzer, fields).run(query);
}

}  // namespace newsdex::searcher
