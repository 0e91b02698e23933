#pragma once

#include "core/model.hpp"

namespace fabcast::core {

//! A model whose scalar outputs are its inputs, unchanged: `fabcast sample` runs it, and tests
//! use it to see exactly what the design and the engine deliver.
class EchoModel final : public Model {
 public:
  explicit EchoModel(std::vector<std::string> input_names) { schema_.scalars = std::move(input_names); }
  [[nodiscard]] const OutputSchema& schema() const override { return schema_; }
  [[nodiscard]] std::unique_ptr<SampleWorker> make_worker() const override { return std::make_unique<Worker>(); }

 private:
  struct Worker final : SampleWorker {
    void run(const SampleContext&, std::span<const double> inputs, SampleOutputs& out) override {
      std::copy(inputs.begin(), inputs.end(), out.scalars.begin());
    }
  };
  OutputSchema schema_;
};

}  // namespace fabcast::core
