// Collects the loader's error messages, each located by file position or by the override that
// set the value, so that one pass reports every problem and one InputError carries them all.
#pragma once

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace detsim::detail {

class Diagnostics {
 public:
  explicit Diagnostics(std::string source);

  const std::string& source() const { return source_; }

  // Values at `path` and below were set by a command-line option named by `label`
  // (e.g. "--set actors.russia.stake=-1"); messages about them name it instead of a position.
  void attribute(std::string path, std::string label);

  // yaml-cpp places an empty value (`resolve:` with nothing after it) at the next token, often
  // on a later line; remembering the keys of empty values lets messages point at the key.
  void remember_empty_values(const YAML::Node& root);

  // "LOCATION: message", LOCATION being the override that set `path`, else FILE:LINE:COL of
  // `node` (1-based), else FILE.
  void error(const YAML::Node& node, const std::string& path, const std::string& message);
  // "FILE:LINE:COL: message" at a parser mark.
  void error_at(const YAML::Mark& mark, const std::string& message);
  // "location: message" with the location given.
  void error_labeled(const std::string& location, const std::string& message);

  void append(const Diagnostics& other);
  bool ok() const { return lines_.empty(); }
  std::size_t count() const { return lines_.size() + unshown_; }
  // Throws InputError with every line when there is any: those at a position in this source in
  // file order, then the others (overrides, other files) in the order they were found.
  void throw_if_errors() const;

  std::string position(const YAML::Mark& mark) const;
  // Where a message about `node` at `path` points (the override that set it, or FILE:LINE:COL),
  // for a check made later, outside the loader.
  std::string where(const YAML::Node& node, const std::string& path) const {
    YAML::Mark unused;
    return locate(node, path, unused);
  }

 private:
  struct Attribution {
    std::string path;
    std::string label;
  };
  struct Line {
    std::string text;
    YAML::Mark mark;  // null unless located at a position in this source
  };
  std::string locate(const YAML::Node& node, const std::string& path, YAML::Mark& used) const;
  void add(std::string location, const std::string& message, YAML::Mark mark);

  std::string source_;
  std::vector<Attribution> attributions_;
  std::vector<std::pair<YAML::Node, YAML::Mark>> empty_value_keys_;
  std::vector<Line> lines_;
  // Errors past the first max_shown are counted, not located: a file of thousands of bad values
  // is answered as fast as one with a few.
  static constexpr std::size_t max_shown = 100;
  std::size_t unshown_ = 0;
};

// "a.b" from "a" and "b"; just "b" at the root.
std::string join_path(const std::string& path, const std::string& key);

// A node as the user wrote it, for "path = value" (flow style, shortened when long).
std::string render(const YAML::Node& node);

// The standard message shapes.
void bad_value(Diagnostics& d, const YAML::Node& node, const std::string& path,
               const std::string& allowed);
void missing_key(Diagnostics& d, const YAML::Node& map, const std::string& map_path,
                 const std::string& key, const std::string& allowed);

}  // namespace detsim::detail
