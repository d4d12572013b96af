// A computed block as bytes, so that it can travel between processes (the ranks of an MPI job)
// and come back bit for bit what the computing process held.
#pragma once

#include <span>
#include <vector>

#include "detsim/engine/simulation.hpp"

namespace detsim {

// Appends to `bytes` the rows of block.trials and block.paths and block.error.
void encode_block(const BlockBuffers& block, std::vector<char>& bytes);

// Reads what encode_block wrote into `out`, whose columns and path variables are already shaped
// (Simulation::shape_buffers). std::runtime_error if the bytes do not fit that shape.
void decode_block(std::span<const char> bytes, BlockBuffers& out);

}  // namespace detsim
