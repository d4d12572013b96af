// SummaryStream: /summary's finished rows to the file, a slice of experiments at a time.
#include "summary_stream.hpp"

namespace detsim::cli {

void SummaryStream::write_finished() {
  const std::size_t rows = summary_.experiments() * summary_.measures().size();
  while (summary_.finished() >= written_ + kSlice) {
    const std::size_t end = written_ + kSlice;
    writer_.append_summary(summary_.table(written_, end), rows);
    precision_.keep(end);
    summary_.release(end);
    written_ = end;
  }
}

TableSlices SummaryStream::rest() const {
  const std::size_t experiments = summary_.experiments() - written_;
  return TableSlices{experiments * summary_.measures().size(), (experiments + kSlice - 1) / kSlice,
                     [this](std::size_t i) {
                       return summary_.table(written_ + i * kSlice, written_ + (i + 1) * kSlice);
                     }};
}

}  // namespace detsim::cli
