// Ranks over MPI: rank 0 feeds lanes (a thread of its run per thread of another rank) with
// blocks as they finish the last one, so faster ranks take more blocks; the other ranks compute
// and send each block back whole. All MPI lives here.
//
// Messages (all between rank 0 and one other rank):
//   hello   other -> 0: its thread count, and why it cannot serve (empty if it can)
//   request 0 -> other: {lane, experiment, first trial, trials, seed}
//   result  other -> 0, tag kResult + lane: {kind, signal}, then the encoded block or a failure
//   release 0 -> other: rank 0's exit status; the other rank's command ends with it
// Every wait polls with short sleeps instead of MPI's spinning waits, so that a rank's idle lanes
// do not take the cores its threads compute on.
#include <fmt/format.h>
#include <mpi.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "detsim/engine/block_codec.hpp"
#include "detsim/engine/ranks.hpp"
#include "detsim/error.hpp"

namespace detsim {

namespace {

Ranks* live = nullptr;

constexpr int kHello = 1;
constexpr int kRequest = 2;
constexpr int kRelease = 3;
constexpr int kResult = 100;  // + the lane's index on its rank

enum class ResultKind : std::int32_t { block = 0, failure = 1 };
struct ResultHeader {
  ResultKind kind;
  std::int32_t signal;  // a stop signal the rank received, 0 if none
};

struct Request {
  std::int64_t lane, experiment, first_trial, trials;
  std::uint64_t seed;
};

// Started by mpirun (Open MPI) or srun (PMI, PMIx): anything else is a job of one, and MPI is
// never initialised, so a plain `detsim run` starts no MPI runtime.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name)) return true;
  }
  return false;
}

// Polls until `done` says so, sleeping a little longer each time (up to 2 ms).
template <typename Done>
void poll_until(Done done) {
  auto pause = std::chrono::microseconds(20);
  while (!done()) {
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2, std::chrono::milliseconds(2));
  }
}

void await(MPI_Request& request) {
  poll_until([&] {
    int flag = 0;
    MPI_Test(&request, &flag, MPI_STATUS_IGNORE);
    return flag != 0;
  });
}

void send_bytes(const void* data, std::size_t size, int to, int tag) {
  MPI_Request request;
  MPI_Isend(data, static_cast<int>(size), MPI_BYTE, to, tag, MPI_COMM_WORLD, &request);
  await(request);
}

// The next message from `from` with `tag` (MPI_ANY_TAG: any), whole; its tag in *received.
std::vector<char> receive_bytes(int from, int tag, int* received = nullptr) {
  MPI_Message message;
  MPI_Status status;
  poll_until([&] {
    int flag = 0;
    MPI_Improbe(from, tag, MPI_COMM_WORLD, &flag, &message, &status);
    return flag != 0;
  });
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::vector<char> bytes(static_cast<std::size_t>(size));
  MPI_Mrecv(bytes.data(), size, MPI_BYTE, &message, MPI_STATUS_IGNORE);
  if (received) *received = status.MPI_TAG;
  return bytes;
}

template <typename T>
T read_as(const std::vector<char>& bytes, std::size_t at = 0) {
  T value{};
  if (bytes.size() < at + sizeof(T)) throw RunError("MPI: a message shorter than its header");
  std::memcpy(&value, bytes.data() + at, sizeof(T));
  return value;
}

// Rank 0's side of the other ranks' lanes.
class MpiLanes : public RemoteLanes {
 public:
  struct Lane {
    int rank;
    std::int64_t index;  // on its rank
  };
  MpiLanes(std::vector<Lane> lanes, CancellationFlag& cancel)
      : lanes_(std::move(lanes)), cancel_(cancel) {}

  std::size_t lanes() const override { return lanes_.size(); }

  void compute(std::size_t lane, const TrialBlock& block, std::uint64_t seed,
               BlockBuffers& out) override {
    const Lane& to = lanes_[lane];
    // The seed travels with the block, so a rank cannot compute it with another.
    const Request request{to.index, block.experiment, block.first_trial, block.trials, seed};
    send_bytes(&request, sizeof request, to.rank, kRequest);
    const std::vector<char> bytes = receive_bytes(to.rank, kResult + static_cast<int>(to.index));
    const auto header = read_as<ResultHeader>(bytes);
    if (header.signal != 0 && !cancel_.requested()) cancel_.request(header.signal);
    const std::span<const char> body(bytes.data() + sizeof header, bytes.size() - sizeof header);
    if (header.kind != ResultKind::block) {
      throw RunError(
          fmt::format("rank {} failed: {}", to.rank, std::string(body.begin(), body.end())));
    }
    try {
      decode_block(body, out);
    } catch (const std::runtime_error& e) {
      throw RunError(fmt::format("rank {}: {}", to.rank, e.what()));
    }
  }

 private:
  std::vector<Lane> lanes_;
  CancellationFlag& cancel_;
};

std::vector<char> hello(std::int64_t threads, const std::string& failure) {
  std::vector<char> bytes(sizeof threads + failure.size());
  std::memcpy(bytes.data(), &threads, sizeof threads);
  if (!failure.empty()) std::memcpy(bytes.data() + sizeof threads, failure.data(), failure.size());
  return bytes;
}

}  // namespace

Ranks::Ranks() {
  live = this;
  if (!launched_by_mpi()) return;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  // Lanes run on several threads of rank 0 at once: without this level they would corrupt MPI.
  if (provided < MPI_THREAD_MULTIPLE && size_ > 1) {
    if (rank_ == 0) {
      std::fputs("detsim: this MPI library does not support MPI_THREAD_MULTIPLE\n", stderr);
    }
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
}

Ranks::~Ranks() {
  if (live == this) live = nullptr;
  if (mpi_) MPI_Finalize();
}

Ranks& Ranks::current() {
  static Ranks alone{Alone{}};
  return live ? *live : alone;
}

std::unique_ptr<RemoteLanes> Ranks::remote_lanes(CancellationFlag& cancel) {
  if (size_ == 1) return nullptr;
  std::vector<MpiLanes::Lane> lanes;
  std::string failures;
  for (int r = 1; r < size_; ++r) {
    const std::vector<char> bytes = receive_bytes(r, kHello);
    const auto threads = read_as<std::int64_t>(bytes);
    const std::string failure(bytes.begin() + sizeof threads, bytes.end());
    if (!failure.empty()) {
      failures += fmt::format("{}rank {} cannot run: {}", failures.empty() ? "" : "; ", r, failure);
    }
    for (std::int64_t t = 0; t < threads; ++t) lanes.push_back({r, t});
  }
  if (!failures.empty()) throw RunError(failures);
  return std::make_unique<MpiLanes>(std::move(lanes), cancel);
}

int Ranks::serve(const Simulation& simulation, const RunOptions& options) {
  served_ = true;
  const int threads = std::max(1, options.threads);
  const std::vector<char> greeting = hello(threads, "");
  send_bytes(greeting.data(), greeting.size(), 0, kHello);

  // A signal here does not stop this rank: it tells rank 0, which stops handing out blocks and
  // then releases every rank, so no rank leaves another waiting.
  CancellationFlag signalled;
  const SignalScope signals(signalled);

  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Request> queue;
  bool released = false;
  const auto compute = [&] {
    BlockWorker worker(simulation);
    BlockBuffers buffers;
    simulation.shape_buffers(buffers.trials, buffers.paths);
    std::vector<char> bytes;
    for (;;) {
      Request request;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return released || !queue.empty(); });
        if (queue.empty()) return;
        request = queue.front();
        queue.pop_front();
      }
      ResultHeader header{ResultKind::block, 0};
      bytes.assign(sizeof header, 0);
      try {
        const TrialBlock block{static_cast<std::int32_t>(request.experiment), request.first_trial,
                               request.trials};
        if (request.experiment < 0 ||
            static_cast<std::size_t>(request.experiment) >= simulation.experiment_count()) {
          throw RunError("a block of an experiment it does not have");
        }
        worker.compute(block, request.seed, buffers);
        encode_block(buffers, bytes);
      } catch (const std::exception& e) {
        header.kind = ResultKind::failure;
        bytes.resize(sizeof header);
        bytes.insert(bytes.end(), e.what(), e.what() + std::strlen(e.what()));
      }
      header.signal = signalled.signal();
      std::memcpy(bytes.data(), &header, sizeof header);
      send_bytes(bytes.data(), bytes.size(), 0, kResult + static_cast<int>(request.lane));
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(compute);
  for (;;) {
    int tag = 0;
    const std::vector<char> bytes = receive_bytes(0, MPI_ANY_TAG, &tag);
    if (tag == kRequest) {
      const auto request = read_as<Request>(bytes);
      {
        std::lock_guard lock(mutex);
        queue.push_back(request);
      }
      changed.notify_one();
    } else if (tag == kRelease) {
      leader_status_ = read_as<std::int32_t>(bytes);
      break;
    }
  }
  {
    std::lock_guard lock(mutex);
    released = true;
  }
  changed.notify_all();
  for (std::thread& t : pool) t.join();
  return leader_status_;
}

int Ranks::finish(int status, const std::string& failure) {
  if (size_ == 1) return status;
  if (rank_ == 0) {
    const auto code = static_cast<std::int32_t>(status);
    for (int r = 1; r < size_; ++r) send_bytes(&code, sizeof code, r, kRelease);
    return status;
  }
  if (served_) return leader_status_;
  // Rank 0 may be waiting for this rank's hello (its command failed here only): say why.
  const std::vector<char> greeting =
      hello(0, failure.empty() ? "its command ended before the run" : failure.substr(0, 1000));
  send_bytes(greeting.data(), greeting.size(), 0, kHello);
  for (;;) {
    int tag = 0;
    const std::vector<char> bytes = receive_bytes(0, MPI_ANY_TAG, &tag);
    if (tag == kRelease) return read_as<std::int32_t>(bytes);
  }
}

}  // namespace detsim
