// Meta LibTorch, part 11: torch::data (datasets, transforms, samplers, data
// loaders). Only training code uses it, never a constructor, so it is
// declared with the types LibTorch gives its results (a loader over a
// stacked MNIST yields Example<> batches) and nothing is implemented: model
// files with a main() that trains compile. See c10.h.
#pragma once

#include "functional.h"

namespace torch {
namespace data {

namespace example {
struct NoTarget {};
}  // namespace example

template <typename Data = at::Tensor, typename Target = at::Tensor>
struct Example {
  using DataType = Data;
  using TargetType = Target;
  Example() = default;
  Example(Data data, Target target) : data(std::move(data)), target(std::move(target)) {}
  Data data;
  Target target;
};
using TensorExample = Example<at::Tensor, example::NoTarget>;

namespace samplers {
class Sampler {
 public:
  virtual ~Sampler() = default;
};
class RandomSampler : public Sampler {
 public:
  explicit RandomSampler(int64_t size);
};
class SequentialSampler : public Sampler {
 public:
  explicit SequentialSampler(size_t size);
};
class DistributedRandomSampler : public Sampler {
 public:
  DistributedRandomSampler(size_t size, size_t num_replicas = 1, size_t rank = 0, bool allow_duplicates = true);
};
class DistributedSequentialSampler : public Sampler {
 public:
  DistributedSequentialSampler(size_t size, size_t num_replicas = 1, size_t rank = 0, bool allow_duplicates = true);
};
}  // namespace samplers

namespace transforms {
// A transform maps a batch to another batch; OutputBatchType is what the
// loader then yields.
template <typename Input, typename Output = Input>
struct BatchTransform {
  using InputBatchType = Input;
  using OutputBatchType = Output;
};
template <typename T = Example<>>
struct Stack;
template <typename Data, typename Target>
struct Stack<Example<Data, Target>> : BatchTransform<std::vector<Example<Data, Target>>, Example<Data, Target>> {};
template <>
struct Stack<TensorExample> : BatchTransform<std::vector<TensorExample>, at::Tensor> {};
template <typename Target = at::Tensor>
struct Normalize {
  using OutputBatchType = void;  // an element-wise transform keeps the batch type
  Normalize(at::ArrayRef<double> mean, at::ArrayRef<double> stddev);
  Normalize(double mean, double stddev);
};
template <typename Input = Example<>, typename Output = Input>
struct Lambda {
  using OutputBatchType = void;
  explicit Lambda(std::function<Output(Input)> function);
};
template <typename Target = at::Tensor>
struct TensorLambda {
  using OutputBatchType = void;
  explicit TensorLambda(std::function<at::Tensor(at::Tensor)> function);
};
}  // namespace transforms

namespace datasets {

template <typename Source, typename Transform>
class MapDataset;

namespace ckptcheck_detail {
// The batch a dataset yields after a transform: the transform's
// OutputBatchType, or the dataset's own batch for element-wise transforms.
template <typename Batch, typename Transform, typename = void>
struct mapped_batch {
  using type = typename Transform::OutputBatchType;
};
template <typename Batch, typename Transform>
struct mapped_batch<Batch, Transform, std::enable_if_t<std::is_void<typename Transform::OutputBatchType>::value>> {
  using type = Batch;
};
}  // namespace ckptcheck_detail

template <typename Self, typename SingleExample = Example<>>
class Dataset {
 public:
  using ExampleType = SingleExample;
  using BatchType = std::vector<SingleExample>;
  virtual ~Dataset() = default;
  virtual ExampleType get(size_t index) = 0;
  virtual c10::optional<size_t> size() const = 0;
  template <typename Transform>
  MapDataset<Self, Transform> map(Transform transform) &&;
};

template <typename Source, typename Transform>
class MapDataset {
 public:
  using BatchType = typename ckptcheck_detail::mapped_batch<typename Source::BatchType, Transform>::type;
  MapDataset(Source dataset, Transform transform);
  c10::optional<size_t> size() const noexcept;
  template <typename Next>
  MapDataset<MapDataset, Next> map(Next transform) &&;
};

class MNIST : public Dataset<MNIST> {
 public:
  enum class Mode { kTrain, kTest };
  explicit MNIST(const std::string& root, Mode mode = Mode::kTrain);
  Example<> get(size_t index) override;
  c10::optional<size_t> size() const override;
  bool is_train() const noexcept;
  const at::Tensor& images() const;
  const at::Tensor& targets() const;
};

template <typename ExampleType = Example<>>
class TensorDataset : public Dataset<TensorDataset<ExampleType>, ExampleType> {
 public:
  explicit TensorDataset(const std::vector<at::Tensor>& tensors);
  explicit TensorDataset(at::Tensor tensor);
  ExampleType get(size_t index) override;
  c10::optional<size_t> size() const override;
};

}  // namespace datasets

struct DataLoaderOptions {
  DataLoaderOptions() = default;
  DataLoaderOptions(size_t batch_size) : batch_size_(batch_size) {}
  CKPT_ARG_D(size_t, batch_size, 1);
  CKPT_ARG_D(size_t, workers, 0);
  CKPT_ARG_D(c10::optional<size_t>, max_jobs, c10::nullopt);
  CKPT_ARG_D(bool, enforce_ordering, true);
  CKPT_ARG_D(bool, drop_last, false);
};

template <typename Batch>
class DataLoaderIterator {
 public:
  Batch& operator*();
  Batch* operator->();
  DataLoaderIterator& operator++();
  bool operator==(const DataLoaderIterator& other) const;
  bool operator!=(const DataLoaderIterator& other) const;
};

template <typename Dataset, typename Sampler>
class StatelessDataLoader {
 public:
  using BatchType = typename Dataset::BatchType;
  DataLoaderIterator<BatchType> begin();
  DataLoaderIterator<BatchType> end();
  const DataLoaderOptions& options() const noexcept;
};

template <typename Sampler = samplers::RandomSampler, typename Dataset>
std::unique_ptr<StatelessDataLoader<Dataset, Sampler>> make_data_loader(Dataset dataset, DataLoaderOptions options);
template <typename Sampler = samplers::RandomSampler, typename Dataset>
std::unique_ptr<StatelessDataLoader<Dataset, Sampler>> make_data_loader(Dataset dataset, size_t batch_size);
template <typename Dataset, typename Sampler>
std::unique_ptr<StatelessDataLoader<Dataset, Sampler>> make_data_loader(Dataset dataset, Sampler sampler,
                                                                        DataLoaderOptions options = {});

}  // namespace data

// Reductions of the loss functions (at::Reduction).
namespace Reduction {
enum Reduction { None, Mean, Sum, END };
}  // namespace Reduction

}  // namespace torch

namespace at {
namespace Reduction = torch::Reduction;
}  // namespace at
