// SummaryStream: /summary's finished rows to the file, a slice of experiments at a time.
#include "summary_stream.hpp"

namespace detsim::cli {

void SummaryStream::write_finished() {
  const std::size_t rows = summary_.experiments() * summary_.measures().size();
  while (summary_.finished() >= written_ + slice_) {
    const std::size_t end = written_ + slice_;
    write_(summary_.table(written_, end), rows);
    keep_(end);
    summary_.release(end);
    written_ = end;
  }
}

TableSlices SummaryStream::rest() const {
  const std::size_t experiments = summary_.experiments() - written_;
  return TableSlices{experiments * summary_.measures().size(), (experiments + slice_ - 1) / slice_,
                     [this](std::size_t i) {
                       return summary_.table(written_ + i * slice_, written_ + (i + 1) * slice_);
                     }};
}

}  // namespace detsim::cli
