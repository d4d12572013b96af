// The processes of a run: this one alone, or the ranks of an MPI job (`mpirun -n K detsim run`).
// Rank 0 does all a run alone does (reads, checks, writes the file, talks); the other ranks only
// compute the blocks rank 0 hands them, one per lane, a lane per thread, as they ask for more, so
// only who computes a block changes, never what the file holds. Built without MPI
// (DETSIM_USE_MPI off), or started without mpirun, every process is a job of one.
#pragma once

#include <memory>
#include <string>

#include "detsim/engine/cancellation.hpp"
#include "detsim/engine/simulation.hpp"

namespace detsim {

class Ranks {
 public:
  // Joins the MPI job this process was started in, if any (mpirun or srun set its rank in the
  // environment); otherwise a job of one. One per process, alive for the whole command.
  Ranks();
  ~Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  // The live one (a job of one if none was made).
  static Ranks& current();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool leader() const { return rank_ == 0; }

  // Rank 0 of a job of several: lanes that compute blocks on the other ranks, as many per rank as
  // its threads. A rank that could not prepare the run fails it here (RunError naming the rank
  // and why); a rank that receives SIGINT or SIGTERM asks `cancel` to stop the run. Null alone.
  std::unique_ptr<RemoteLanes> remote_lanes(CancellationFlag& cancel);

  // Any other rank: computes the blocks rank 0 asks for on options.threads threads until rank 0
  // ends its command, and returns rank 0's exit status.
  int serve(const Simulation& simulation, const RunOptions& options);

  // The end of a command, on every rank. Rank 0 tells the others its exit status and returns it.
  // Another rank that has not served (its command failed first, or was not a run) answers rank
  // 0's request for lanes with `failure`, then returns rank 0's exit status.
  int finish(int status, const std::string& failure);

 private:
  struct Alone {};
  explicit Ranks(Alone) {}  // current()'s when no Ranks is live: MPI untouched

  int rank_ = 0;
  int size_ = 1;
  bool mpi_ = false;       // MPI was started here and must be finalized
  bool served_ = false;    // serve() ran, and has rank 0's status
  int leader_status_ = 0;  // what serve() received
};

}  // namespace detsim
