#pragma once

#include "core/model.hpp"

namespace fabcast::core {

//! A model whose scalar outputs are its inputs, unchanged: `fabcast sample` runs it, tests use it
//! to see exactly what the design and the engine deliver, and benchmarks to time the engine
//! around a model that costs nothing. With fewer output names than inputs it echoes the first.
class EchoModel final : public Model {
 public:
  explicit EchoModel(std::vector<std::string> output_names) { schema_.scalars = std::move(output_names); }
  [[nodiscard]] const OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<SampleWorker> make_worker() const override { return std::make_unique<Worker>(); }

 private:
  struct Worker final : SampleWorker {
    void run(const SampleContext&, std::span<const double> inputs, SampleOutputs& out) override {
      std::copy_n(inputs.begin(), out.scalars.size(), out.scalars.begin());
    }
  };
  OutputSchema schema_;
};

}  // namespace fabcast::core
