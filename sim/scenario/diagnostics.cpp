// Locating and collecting error messages for the scenario loader.
#include "diagnostics.hpp"

#include <algorithm>

#include "detsim/error.hpp"
#include "did_you_mean.hpp"

namespace detsim::detail {

namespace {

// True when `path` is `prefix` or lies below it.
bool under(const std::string& path, const std::string& prefix) {
  if (prefix.empty()) return true;
  if (path.size() < prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.';
}

// Past this, render() cuts the text anyway: stopping there keeps rendering a node that aliases
// expand into a huge tree as cheap as rendering a small one.
constexpr std::size_t longest_rendering = 60;

void render_into(const YAML::Node& node, std::string& out) {
  if (out.size() > longest_rendering) return;
  switch (node.Type()) {
    case YAML::NodeType::Undefined: out += "(nothing)"; return;
    case YAML::NodeType::Null: out += "(empty)"; return;
    case YAML::NodeType::Scalar:
      // A quoted scalar is shown quoted: that it is text is often the point of the message.
      if (node.Tag() == "!") {
        out += '"' + node.Scalar() + '"';
      } else {
        out += node.Scalar();
      }
      return;
    case YAML::NodeType::Sequence: {
      out += '[';
      bool first = true;
      for (const auto& item : node) {
        if (!first) out += ", ";
        first = false;
        render_into(item, out);
      }
      out += ']';
      return;
    }
    case YAML::NodeType::Map: {
      out += '{';
      bool first = true;
      for (const auto& pair : node) {
        if (!first) out += ", ";
        first = false;
        render_into(pair.first, out);
        out += ": ";
        render_into(pair.second, out);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

Diagnostics::Diagnostics(std::string source) : source_(std::move(source)) {}

void Diagnostics::remember_empty_values(const YAML::Node& root) {
  std::vector<YAML::Node> pending{root};
  while (!pending.empty()) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsMap()) {
      for (const auto& pair : node) {
        if (pair.second.IsNull()) empty_value_keys_.emplace_back(pair.second, pair.first.Mark());
        pending.push_back(pair.second);
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    }
  }
}

void Diagnostics::attribute(std::string path, std::string label) {
  attributions_.push_back({std::move(path), std::move(label)});
}

std::string Diagnostics::position(const YAML::Mark& mark) const {
  if (mark.is_null()) return source_;
  return source_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string Diagnostics::locate(const YAML::Node& node, const std::string& path,
                                YAML::Mark& used) const {
  used = YAML::Mark::null_mark();
  // The last override applied at or above `path` is the one whose value is there now.
  for (auto it = attributions_.rbegin(); it != attributions_.rend(); ++it) {
    if (under(path, it->path)) return it->label;
  }
  YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (node.IsDefined() && node.IsNull()) {
    for (const auto& [value, key_mark] : empty_value_keys_) {
      if (value.is(node)) mark = key_mark;
    }
  }
  // A map with no position was created by an override that set something inside it.
  if (mark.is_null() && !path.empty()) {
    for (auto it = attributions_.rbegin(); it != attributions_.rend(); ++it) {
      if (under(it->path, path)) return it->label;
    }
  }
  used = mark;
  return position(mark);
}

void Diagnostics::add(std::string location, const std::string& message, YAML::Mark mark) {
  if (lines_.size() >= max_shown) {
    ++unshown_;
    return;
  }
  lines_.push_back({std::move(location) + ": " + message, mark});
}

void Diagnostics::error(const YAML::Node& node, const std::string& path,
                        const std::string& message) {
  if (lines_.size() >= max_shown) {
    ++unshown_;
    return;
  }
  YAML::Mark mark;
  std::string location = locate(node, path, mark);
  add(std::move(location), message, mark);
}

void Diagnostics::error_at(const YAML::Mark& mark, const std::string& message) {
  add(position(mark), message, mark);
}

void Diagnostics::error_labeled(const std::string& location, const std::string& message) {
  add(location, message, YAML::Mark::null_mark());
}

void Diagnostics::append(const Diagnostics& other) {
  // Positions in another file do not sort with ours.
  for (const auto& line : other.lines_) {
    if (lines_.size() < max_shown) {
      lines_.push_back({line.text, YAML::Mark::null_mark()});
    } else {
      ++unshown_;
    }
  }
  unshown_ += other.unshown_;
}

void Diagnostics::throw_if_errors() const {
  if (lines_.empty()) return;
  std::vector<Line> sorted = lines_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Line& a, const Line& b) {
    if (a.mark.is_null() || b.mark.is_null()) return !a.mark.is_null() && b.mark.is_null();
    return a.mark.line != b.mark.line ? a.mark.line < b.mark.line : a.mark.column < b.mark.column;
  });
  std::vector<std::string> texts;
  for (const auto& line : sorted) texts.push_back(line.text);
  if (unshown_ > 0) {
    texts.push_back(source_ + ": and " + std::to_string(unshown_) + " more errors not shown");
  }
  throw InputError(join(texts, "\n"));
}

std::string join_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string render(const YAML::Node& node) {
  constexpr std::size_t longest = longest_rendering;
  std::string out;
  render_into(node, out);
  if (out.size() > longest) {
    std::size_t cut = longest - 3;
    // Never cut inside a UTF-8 sequence (continuation bytes are 10xxxxxx).
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

void bad_value(Diagnostics& d, const YAML::Node& node, const std::string& path,
               const std::string& allowed) {
  d.error(node, path, path + " = " + render(node) + ": " + allowed);
}

void missing_key(Diagnostics& d, const YAML::Node& map, const std::string& map_path,
                 const std::string& key, const std::string& allowed) {
  d.error(map, map_path, join_path(map_path, key) + " is missing: " + allowed);
}

}  // namespace detsim::detail
