// Helpers of cli_test_support.hpp that compare and parse what detsim wrote.
#include "cli_test_support.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

#include <bit>
#include <fstream>
#include <numeric>
#include <regex>
#include <sstream>
#include <thread>

namespace detsim::test {

CommandResult run_with_status(const std::vector<std::string>& args, const TempDir& dir,
                              int status) {
  CommandResult r = run_detsim(args, dir);
  INFO("detsim " << (args.empty() ? std::string() : args.front()) << " stdout: " << r.out);
  INFO("detsim " << (args.empty() ? std::string() : args.front()) << " stderr: " << r.err);
  REQUIRE(r.exit.exited);
  REQUIRE(r.exit.status == status);
  return r;
}

CommandResult run_ok(const std::vector<std::string>& args, const TempDir& dir) {
  return run_with_status(args, dir, 0);
}

void write_text_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

std::size_t column_length(const ColumnBlock& block, std::size_t column) {
  switch (block.schema().at(column).type) {
    case ColumnType::f64: return block.f64(column).size();
    case ColumnType::i32: return block.i32(column).size();
    case ColumnType::i8: return block.i8(column).size();
    case ColumnType::i64: return block.i64(column).size();
    case ColumnType::str: return block.str(column).size();
  }
  return 0;
}

std::vector<std::string> column_names(const ColumnBlock& block) {
  std::vector<std::string> names;
  for (const ColumnInfo& info : block.schema()) names.push_back(info.name);
  return names;
}

namespace {

// The given rows of `t`, in that order, without the column named `drop` (if any).
ColumnBlock select_rows(const ColumnBlock& t, const std::vector<std::size_t>& rows,
                        const std::string& drop = "") {
  std::vector<ColumnInfo> schema;
  std::vector<std::size_t> kept;
  for (std::size_t c = 0; c < t.columns(); ++c) {
    if (t.schema()[c].name == drop) continue;
    schema.push_back(t.schema()[c]);
    kept.push_back(c);
  }
  ColumnBlock out(schema);
  out.resize(rows.size());
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::size_t c = kept[k];
    for (std::size_t r = 0; r < rows.size(); ++r) {
      switch (t.schema()[c].type) {
        case ColumnType::f64: out.f64(k)[r] = t.f64(c)[rows[r]]; break;
        case ColumnType::i32: out.i32(k)[r] = t.i32(c)[rows[r]]; break;
        case ColumnType::i8: out.i8(k)[r] = t.i8(c)[rows[r]]; break;
        case ColumnType::i64: out.i64(k)[r] = t.i64(c)[rows[r]]; break;
        case ColumnType::str: out.str(k)[r] = t.str(c)[rows[r]]; break;
      }
    }
  }
  return out;
}

std::vector<std::size_t> trial_order(const ColumnBlock& t) {
  const auto& experiment = t.i32(t.index_of("experiment"));
  const auto& trial = t.i32(t.index_of("trial"));
  std::vector<std::size_t> order(t.rows());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(experiment[a], trial[a]) < std::pair(experiment[b], trial[b]);
  });
  return order;
}

}  // namespace

ColumnBlock sorted_by_trial(const ColumnBlock& t) { return select_rows(t, trial_order(t)); }

ColumnBlock experiment_trials(const ColumnBlock& t, std::int32_t experiment) {
  std::vector<std::size_t> rows;
  const auto& column = t.i32(t.index_of("experiment"));
  for (std::size_t r : trial_order(t)) {
    if (column[r] == experiment) rows.push_back(r);
  }
  return select_rows(t, rows, "experiment");
}

bool identical_columns(const ColumnBlock& a, const ColumnBlock& b, std::string& difference) {
  if (column_names(a) != column_names(b)) {
    difference = "different column names";
    return false;
  }
  if (a.rows() != b.rows()) {
    difference =
        "different row counts: " + std::to_string(a.rows()) + " and " + std::to_string(b.rows());
    return false;
  }
  for (std::size_t c = 0; c < a.columns(); ++c) {
    const ColumnInfo& info = a.schema()[c];
    if (info.type != b.schema()[c].type) {
      difference = info.name + ": different types";
      return false;
    }
    for (std::size_t r = 0; r < a.rows(); ++r) {
      bool same = true;
      switch (info.type) {
        case ColumnType::f64:
          same = std::bit_cast<std::uint64_t>(a.f64(c)[r]) ==
                 std::bit_cast<std::uint64_t>(b.f64(c)[r]);
          break;
        case ColumnType::i32: same = a.i32(c)[r] == b.i32(c)[r]; break;
        case ColumnType::i8: same = a.i8(c)[r] == b.i8(c)[r]; break;
        case ColumnType::i64: same = a.i64(c)[r] == b.i64(c)[r]; break;
        case ColumnType::str: same = a.str(c)[r] == b.str(c)[r]; break;
      }
      if (!same) {
        difference = info.name + " differs first at row " + std::to_string(r);
        return false;
      }
    }
  }
  difference.clear();
  return true;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> summary_table_lines(const std::string& text) {
  const std::vector<std::string> lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("measure ", 0) == 0) {
      return {lines.begin() + static_cast<std::ptrdiff_t>(i), lines.end()};
    }
  }
  return {};
}

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  INFO("replacing '" << from << "'");
  REQUIRE(at != std::string::npos);
  std::string out = text;
  out.replace(at, from.size(), to);
  return out;
}

std::vector<ProgressLine> progress_lines(const std::string& text) {
  static const std::regex line(
      R"(detsim progress: trials_done=(\d+) trials_total=(\d+) percent=\d+\.\d )"
      R"(elapsed_s=(\d+\.\d) trials_per_s=\d+ eta_s=\d+)");
  std::vector<ProgressLine> found;
  for (const std::string& l : lines_of(text.substr(0, text.rfind('\n') + 1))) {
    if (l.rfind("detsim progress:", 0) != 0) continue;
    std::smatch m;
    INFO("progress line: " << l);
    REQUIRE(std::regex_match(l, m, line));
    found.push_back({std::stoll(m[1]), std::stoll(m[2]), std::stod(m[3])});
  }
  return found;
}

std::vector<ProgressLine> wait_for_progress_lines(const ChildProcess& child,
                                                  const std::filesystem::path& stderr_file,
                                                  std::size_t count, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    // Asked before reading, so a child found ended has every line it wrote in this read.
    const bool was_running = child.running();
    // The child may not have created the file yet.
    std::vector<ProgressLine> lines = progress_lines(
        std::filesystem::exists(stderr_file) ? read_text_file(stderr_file) : std::string());
    if (lines.size() >= count || !was_running || std::chrono::steady_clock::now() >= deadline) {
      return lines;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::vector<std::filesystem::path> files_beside(const std::filesystem::path& out) {
  std::vector<std::filesystem::path> found;
  const std::string prefix = out.filename().string() + ".";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(out.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    const bool part = name.size() > prefix.size() + 5 && name.rfind(prefix, 0) == 0 &&
                      name.compare(name.size() - 5, 5, ".part") == 0;
    if (part || name == prefix + "lock") found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::filesystem::path part_file(const std::filesystem::path& out) {
  for (const auto& file : files_beside(out)) {
    if (file.extension() == ".part") return file;
  }
  return {};
}

std::filesystem::path wait_for_part_file(const std::filesystem::path& out) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (part_file(out).empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto part = part_file(out);
  REQUIRE_FALSE(part.empty());
  return part;
}

}  // namespace detsim::test
