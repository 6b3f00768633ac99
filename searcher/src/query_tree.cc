#include "query_tree.h"

namespace newsdex::searcher {
namespace {

std::string field_lead(Field field) {
  if (field == Field::kText) return {};
  return std::string(field_spec(field).name) + ":";
}

std::string operands(const QueryNode& node) {
  std::string out;
  for (const QueryNode& child : node.children) out += " " + describe(child);
  return out;
}

}  // namespace

std::string describe(const QueryNode& node) {
  using Kind = QueryNode::Kind;
  std::string out;
  if (node.modifier == QueryNode::Modifier::kRequired) out += "+";
  if (node.modifier == QueryNode::Modifier::kExcluded) out += "-";
  switch (node.kind) {
    case Kind::kWord:
      return out + field_lead(node.field) + node.text + (node.wildcard ? "*" : "");
    case Kind::kPhrase:
      return out + field_lead(node.field) + "\"" + node.text + "\"";
    case Kind::kFilter: {
      const bool quote = node.text.find(' ') != std::string::npos;
      return out + field_lead(node.field) + (quote ? "\"" + node.text + "\"" : node.text);
    }
    case Kind::kNear:
      return out + "(NEAR/" + std::to_string(node.window) + operands(node) + ")";
    case Kind::kAdj:
      return out + "(ADJ/" + std::to_string(node.window) + operands(node) + ")";
    case Kind::kSequence: {
      const std::string inner = operands(node);
      return out + "[" + (inner.empty() ? inner : inner.substr(1)) + "]";
    }
    case Kind::kAnd:
      return out + "(AND" + operands(node) + ")";
    case Kind::kOr:
      return out + "(OR" + operands(node) + ")";
    case Kind::kXor:
      return out + "(XOR" + operands(node) + ")";
    case Kind::kAndNot:
      return out + "(NOT" + operands(node) + ")";
    case Kind::kAllBut:
      return out + "(ALL-BUT" + operands(node) + ")";
  }
  return out;
}

}  // namespace newsdex::searcher
