// The bounded YAML parse: one pass over yaml-cpp's events counts nodes (aliases expanded), depth
// and documents, and only a text that passes is handed to YAML::Load to build the tree.
#include "yaml_guard.hpp"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "detsim/table/utf8.hpp"

namespace detsim::detail {

namespace {

// Thrown from inside the event handler to stop yaml-cpp at the first limit passed.
struct LimitPassed {
  YamlProblem problem;
};

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// Counts the nodes a walk of the tree would visit, and tracks depth and anchors. An anchored
// node's expanded size is known when it ends, so an alias adds it in O(1).
class Budget : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { start_ = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    for (const Open& open : open_) {
      if (open.anchor == anchor) {
        stop(mark, "an alias inside the node it names makes the tree endless (a cycle)");
      }
    }
    const std::size_t size = anchor < sizes_.size() ? sizes_[anchor] : 1;
    add(mark, size, true);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

  const YAML::Mark& start() const { return start_; }

 private:
  struct Open {
    YAML::anchor_t anchor;
    std::size_t count_before;
  };

  [[noreturn]] void stop(const YAML::Mark& mark, std::string message) {
    throw LimitPassed{{mark, std::move(message)}};
  }

  void add(const YAML::Mark& mark, std::size_t nodes, bool through_alias) {
    written_ += 1;
    expanded_ += nodes;
    aliases_used_ = aliases_used_ || through_alias;
    if (expanded_ <= max_yaml_nodes) return;
    if (!aliases_used_) {
      stop(mark, "more than " + with_thousands(max_yaml_nodes) +
                     " values (keys, values and list items): far more than a scenario needs");
    }
    stop(mark, "with its aliases (*name) expanded, the text stands for more than " +
                   with_thousands(max_yaml_nodes) + " values: far more than a scenario needs");
  }

  void remember(YAML::anchor_t anchor, std::size_t size) {
    if (anchor == YAML::NullAnchor) return;
    if (sizes_.size() <= anchor) sizes_.resize(anchor + 1, 1);
    sizes_[anchor] = size;
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1, false);
    remember(anchor, 1);
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, 1, false);
    if (static_cast<int>(open_.size()) >= max_yaml_depth) {
      stop(mark, "maps and lists nested more than " + std::to_string(max_yaml_depth) +
                     " deep: far deeper than a scenario needs");
    }
    open_.push_back({anchor, expanded_ - 1});
  }

  void close() {
    if (open_.empty()) return;
    const Open done = open_.back();
    open_.pop_back();
    remember(done.anchor, expanded_ - done.count_before);
  }

  YAML::Mark start_ = YAML::Mark::null_mark();
  std::vector<Open> open_;
  std::vector<std::size_t> sizes_;  // expanded size by anchor id
  std::size_t written_ = 0;
  std::size_t expanded_ = 0;
  bool aliases_used_ = false;
};

YAML::Mark mark_at(const std::string& text, std::size_t offset) {
  YAML::Mark mark;
  mark.pos = static_cast<int>(offset);
  mark.line = static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
  const std::size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  mark.column = static_cast<int>(
      line_start == std::string::npos || offset == 0 ? offset : offset - line_start - 1);
  return mark;
}

// What follows the end of the first document: a real second document starts with "---" (or
// holds content after "..."); anything else is a stray token yaml-cpp could not place.
std::string second_document_message(const std::string& text, const YAML::Mark& mark) {
  const auto at = static_cast<std::size_t>(std::max(mark.pos, 0));
  if (text.compare(at, 3, "---") == 0 || at >= text.size()) {
    return "a second YAML document ('---'): one scenario, preset or value is one document";
  }
  return std::string("unexpected '") + text[at] +
         "' here (a ',' belongs inside [...] or {...}; quote a value that contains one)";
}

}  // namespace

std::optional<YamlProblem> find_non_utf8(const std::string& text) {
  const std::size_t valid = valid_utf8_prefix(text);
  const std::size_t nul = text.find('\0');
  const std::size_t at = std::min(valid, nul);
  if (at >= text.size()) return std::nullopt;
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[at]));
  return YamlProblem{mark_at(text, at),
                     std::string("byte ") + hex + " is not UTF-8 text: write the file in UTF-8"};
}

std::optional<YAML::Node> parse_bounded(const std::string& text, YamlProblem& problem) {
  if (text.size() > max_yaml_bytes) {
    problem = {YAML::Mark::null_mark(), "larger than " + with_thousands(max_yaml_bytes) +
                                            " bytes: far larger than a scenario needs"};
    return std::nullopt;
  }
  if (auto bad = find_non_utf8(text)) {
    problem = *bad;
    return std::nullopt;
  }
  try {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    Budget first;
    if (!parser.HandleNextDocument(first)) return YAML::Node(YAML::NodeType::Null);
    // Never more than two calls: on a stray ',' yaml-cpp 0.7 returns an empty document forever
    // without consuming it, which is why YAML::LoadAll never ends there.
    Budget second;
    if (parser.HandleNextDocument(second)) {
      problem = {second.start(), second_document_message(text, second.start())};
      return std::nullopt;
    }
    // The text is known to be one document within the limits: building the tree is safe.
    return YAML::Load(text);
  } catch (const LimitPassed& limit) {
    problem = limit.problem;
  } catch (const YAML::Exception& e) {
    problem = {e.mark, e.msg};
  }
  return std::nullopt;
}

}  // namespace detsim::detail
