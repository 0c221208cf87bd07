// The cases: for each layer rule, real torch::nn layers built with options that
// exercise its shapes, and the same options as a LayerOptions.
#include "layer_rules_harness.h"

namespace ckptcheck {
namespace {

std::string maybe(bool on, const char* text) { return on ? text : ""; }

void linear_cases(std::vector<Case>& cs) {
  for (bool bias : {true, false})
    cs.push_back({"Linear" + maybe(!bias, "NoBias"),
                  "Linear",
                  {{"in_features", n(5)}, {"out_features", n(3)}, {"bias", bias}},
                  [=] { return nn::Linear(nn::LinearOptions(5, 3).bias(bias)).ptr(); }});
  cs.push_back({"LinearDefaults", "torch::nn::Linear", {{"in_features", n(5)}, {"out_features", n(3)}}, [] {
                  return nn::Linear(5, 3).ptr();
                }});
  for (bool bias : {true, false})
    cs.push_back({"Bilinear" + maybe(!bias, "NoBias"),
                  "Bilinear",
                  {{"in1_features", n(2)}, {"in2_features", n(3)}, {"out_features", n(4)}, {"bias", bias}},
                  [=] { return nn::Bilinear(nn::BilinearOptions(2, 3, 4).bias(bias)).ptr(); }});
}

template <size_t D, typename Layer, typename Options>
void conv_cases(std::vector<Case>& cs, const std::string& name) {
  for (int64_t groups : {1, 2})
    for (bool bias : {true, false})
      for (bool kernel_list : {false, true}) {
        std::vector<int64_t> kernel = kernel_list ? std::vector<int64_t>{3, 2, 1} : std::vector<int64_t>{3, 3, 3};
        kernel.resize(D);
        LayerOptions o = {{"in_channels", n(4)},
                          {"out_channels", n(6)},
                          {"kernel_size", kernel_list ? dims(kernel) : n(3)},
                          {"groups", n(groups)},
                          {"bias", bias}};
        cs.push_back(
            {name + maybe(groups > 1, "Groups2") + maybe(!bias, "NoBias") + maybe(kernel_list, "KernelList"), name, o,
             [=] { return Layer(Options(4, 6, torch::ExpandingArray<D>(kernel)).groups(groups).bias(bias)).ptr(); }});
      }
  cs.push_back({name + "Defaults", name, {{"in_channels", n(3)}, {"out_channels", n(8)}, {"kernel_size", n(5)}}, [] {
                  return Layer(Options(3, 8, 5)).ptr();
                }});
}

template <typename Layer, typename Options>
void running_norm_cases(std::vector<Case>& cs, const std::string& name) {
  for (bool affine : {true, false})
    for (bool track : {true, false})
      cs.push_back({name + (affine ? "Affine" : "NoAffine") + (track ? "Tracked" : "Untracked"),
                    name,
                    {{"num_features", n(4)}, {"affine", affine}, {"track_running_stats", track}},
                    [=] { return Layer(Options(4).affine(affine).track_running_stats(track)).ptr(); }});
  // BatchNorm and InstanceNorm differ in their defaults.
  cs.push_back({name + "Defaults", name, {{"num_features", n(4)}}, [] { return Layer(Options(4)).ptr(); }});
}

void norm_cases(std::vector<Case>& cs) {
  running_norm_cases<nn::BatchNorm1d, nn::BatchNorm1dOptions>(cs, "BatchNorm1d");
  running_norm_cases<nn::BatchNorm2d, nn::BatchNorm2dOptions>(cs, "BatchNorm2d");
  running_norm_cases<nn::BatchNorm3d, nn::BatchNorm3dOptions>(cs, "BatchNorm3d");
  running_norm_cases<nn::InstanceNorm1d, nn::InstanceNorm1dOptions>(cs, "InstanceNorm1d");
  running_norm_cases<nn::InstanceNorm2d, nn::InstanceNorm2dOptions>(cs, "InstanceNorm2d");
  running_norm_cases<nn::InstanceNorm3d, nn::InstanceNorm3dOptions>(cs, "InstanceNorm3d");
  for (std::vector<int64_t> shape : {std::vector<int64_t>{4}, {2, 3}, {2, 3, 4}})
    for (bool affine : {true, false})
      cs.push_back({"LayerNorm" + std::to_string(shape.size()) + "d" + maybe(!affine, "NoAffine"),
                    "LayerNorm",
                    {{"normalized_shape", dims(shape)}, {"elementwise_affine", affine}},
                    [=] { return nn::LayerNorm(nn::LayerNormOptions(shape).elementwise_affine(affine)).ptr(); }});
  cs.push_back({"LayerNormShapeAsInteger", "LayerNorm", {{"normalized_shape", n(6)}}, [] {
                  return nn::LayerNorm(nn::LayerNormOptions({6})).ptr();
                }});
  for (bool affine : {true, false})
    cs.push_back({"GroupNorm" + maybe(!affine, "NoAffine"),
                  "GroupNorm",
                  {{"num_groups", n(2)}, {"num_channels", n(6)}, {"affine", affine}},
                  [=] { return nn::GroupNorm(nn::GroupNormOptions(2, 6).affine(affine)).ptr(); }});
  cs.push_back(
      {"LocalResponseNorm", "LocalResponseNorm", {{"size", n(2)}}, [] { return nn::LocalResponseNorm(2).ptr(); }});
  cs.push_back({"CrossMapLrn2d", "CrossMapLRN2d", {{"size", n(3)}}, [] { return nn::CrossMapLRN2d(3).ptr(); }});
}

void embedding_cases(std::vector<Case>& cs) {
  LayerOptions o = {{"num_embeddings", n(10)}, {"embedding_dim", n(3)}};
  cs.push_back({"Embedding", "Embedding", o, [] { return nn::Embedding(10, 3).ptr(); }});
  LayerOptions padded = o;
  padded["padding_idx"] = n(0);
  padded["max_norm"] = 1.5;
  cs.push_back({"EmbeddingPaddingIdx", "Embedding", padded,
                [] { return nn::Embedding(nn::EmbeddingOptions(10, 3).padding_idx(0).max_norm(1.5)).ptr(); }});
  // from_pretrained(t) is Embedding(t.size(0), t.size(1)) holding t.
  for (bool freeze : {true, false})
    cs.push_back({"EmbeddingFromPretrained" + maybe(!freeze, "Trainable"),
                  "Embedding",
                  {{"num_embeddings", n(4)}, {"embedding_dim", n(7)}},
                  [=] {
                    return nn::Embedding::from_pretrained(torch::ones({4, 7}),
                                                          nn::EmbeddingFromPretrainedOptions().freeze(freeze))
                        .ptr();
                  }});
  cs.push_back({"EmbeddingBag", "EmbeddingBag", o, [] { return nn::EmbeddingBag(10, 3).ptr(); }});
  LayerOptions summed = o;
  summed["mode"] = std::string("kSum");
  cs.push_back({"EmbeddingBagSum", "EmbeddingBag", summed,
                [] { return nn::EmbeddingBag(nn::EmbeddingBagOptions(10, 3).mode(torch::kSum)).ptr(); }});
  cs.push_back({"EmbeddingBagFromPretrained", "EmbeddingBag", {{"num_embeddings", n(5)}, {"embedding_dim", n(2)}}, [] {
                  return nn::EmbeddingBag::from_pretrained(torch::ones({5, 2})).ptr();
                }});
}

template <typename Layer, typename Options>
void rnn_cases(std::vector<Case>& cs, const std::string& name, const std::string& rule) {
  for (int64_t layers : {1, 3})
    for (bool bidirectional : {false, true})
      for (bool bias : {true, false})
        cs.push_back(
            {name + (layers == 1 ? "OneLayer" : "ThreeLayers") + maybe(bidirectional, "Bidirectional") +
                 maybe(!bias, "NoBias"),
             rule,
             {{"input_size", n(3)},
              {"hidden_size", n(5)},
              {"num_layers", n(layers)},
              {"bidirectional", bidirectional},
              {"bias", bias}},
             [=] { return Layer(Options(3, 5).num_layers(layers).bidirectional(bidirectional).bias(bias)).ptr(); }});
  cs.push_back({name + "Defaults", rule, {{"input_size", n(3)}, {"hidden_size", n(5)}}, [] {
                  return Layer(Options(3, 5)).ptr();
                }});
}

void recurrent_cases(std::vector<Case>& cs) {
  rnn_cases<nn::RNN, nn::RNNOptions>(cs, "Rnn", "RNN");
  rnn_cases<nn::LSTM, nn::LSTMOptions>(cs, "Lstm", "LSTM");
  rnn_cases<nn::GRU, nn::GRUOptions>(cs, "Gru", "GRU");
  for (int64_t layers : {1, 2})
    for (bool bidirectional : {false, true})
      cs.push_back(
          {std::string("Lstm") + (layers == 1 ? "OneLayer" : "TwoLayers") + maybe(bidirectional, "Bidirectional") +
               "Proj",
           "LSTM",
           {{"input_size", n(3)},
            {"hidden_size", n(5)},
            {"num_layers", n(layers)},
            {"bidirectional", bidirectional},
            {"proj_size", n(2)}},
           [=] {
             return nn::LSTM(nn::LSTMOptions(3, 5).num_layers(layers).bidirectional(bidirectional).proj_size(2)).ptr();
           }});
  for (bool bias : {true, false}) {
    LayerOptions o = {{"input_size", n(3)}, {"hidden_size", n(5)}, {"bias", bias}};
    std::string suffix = maybe(!bias, "NoBias");
    cs.push_back(
        {"RnnCell" + suffix, "RNNCell", o, [=] { return nn::RNNCell(nn::RNNCellOptions(3, 5).bias(bias)).ptr(); }});
    cs.push_back(
        {"LstmCell" + suffix, "LSTMCell", o, [=] { return nn::LSTMCell(nn::LSTMCellOptions(3, 5).bias(bias)).ptr(); }});
    cs.push_back(
        {"GruCell" + suffix, "GRUCell", o, [=] { return nn::GRUCell(nn::GRUCellOptions(3, 5).bias(bias)).ptr(); }});
  }
}

void attention_cases(std::vector<Case>& cs) {
  for (bool bias : {true, false})
    for (bool bias_kv : {false, true})
      for (bool separate : {false, true}) {
        LayerOptions o = {{"embed_dim", n(8)}, {"num_heads", n(2)}, {"bias", bias}, {"add_bias_kv", bias_kv}};
        if (separate) o["kdim"] = n(4), o["vdim"] = n(6);
        cs.push_back(
            {"MultiheadAttention" + maybe(!bias, "NoBias") + maybe(bias_kv, "BiasKv") + maybe(separate, "KdimVdim"),
             "MultiheadAttention", o, [=] {
               auto options = nn::MultiheadAttentionOptions(8, 2).bias(bias).add_bias_kv(bias_kv);
               if (separate) options.kdim(4).vdim(6);
               return nn::MultiheadAttention(options).ptr();
             }});
      }
  cs.push_back({"MultiheadAttentionKdimOnly",
                "MultiheadAttention",
                {{"embed_dim", n(8)}, {"num_heads", n(2)}, {"kdim", n(3)}},
                [] { return nn::MultiheadAttention(nn::MultiheadAttentionOptions(8, 2).kdim(3)).ptr(); }});
  cs.push_back({"MultiheadAttentionKdimEqualsEmbedDim",
                "MultiheadAttention",
                {{"embed_dim", n(8)}, {"num_heads", n(2)}, {"kdim", n(8)}, {"vdim", n(8)}},
                [] { return nn::MultiheadAttention(nn::MultiheadAttentionOptions(8, 2).kdim(8).vdim(8)).ptr(); }});

  LayerOptions layer = {{"d_model", n(8)}, {"nhead", n(2)}, {"dim_feedforward", n(16)}};
  cs.push_back(
      {"TransformerEncoderLayer", "TransformerEncoderLayer", layer,
       [] { return nn::TransformerEncoderLayer(nn::TransformerEncoderLayerOptions(8, 2).dim_feedforward(16)).ptr(); }});
  cs.push_back({"TransformerEncoderLayerDefaults", "TransformerEncoderLayer", {{"d_model", n(8)}, {"nhead", n(2)}}, [] {
                  return nn::TransformerEncoderLayer(nn::TransformerEncoderLayerOptions(8, 2)).ptr();
                }});
  cs.push_back(
      {"TransformerDecoderLayer", "TransformerDecoderLayer", layer,
       [] { return nn::TransformerDecoderLayer(nn::TransformerDecoderLayerOptions(8, 2).dim_feedforward(16)).ptr(); }});
  cs.push_back({"TransformerDecoderLayerDefaults", "TransformerDecoderLayer", {{"d_model", n(4)}, {"nhead", n(1)}}, [] {
                  return nn::TransformerDecoderLayer(nn::TransformerDecoderLayerOptions(4, 1)).ptr();
                }});
  for (bool norm : {false, true}) {
    LayerOptions stack = layer;
    stack["num_layers"] = n(2);
    if (norm) stack["norm"] = true;
    cs.push_back({"TransformerEncoder" + maybe(norm, "WithNorm"), "TransformerEncoder", stack, [=] {
                    auto options =
                        nn::TransformerEncoderOptions(nn::TransformerEncoderLayerOptions(8, 2).dim_feedforward(16), 2);
                    if (norm) options.norm(nn::AnyModule(nn::LayerNorm(nn::LayerNormOptions({8}))));
                    return nn::TransformerEncoder(options).ptr();
                  }});
    cs.push_back({"TransformerDecoder" + maybe(norm, "WithNorm"), "TransformerDecoder", stack, [=] {
                    auto options =
                        nn::TransformerDecoderOptions(nn::TransformerDecoderLayerOptions(8, 2).dim_feedforward(16), 2);
                    if (norm) options.norm(nn::AnyModule(nn::LayerNorm(nn::LayerNormOptions({8}))));
                    return nn::TransformerDecoder(options).ptr();
                  }});
  }
  cs.push_back({"Transformer",
                "Transformer",
                {{"d_model", n(8)},
                 {"nhead", n(2)},
                 {"num_encoder_layers", n(2)},
                 {"num_decoder_layers", n(1)},
                 {"dim_feedforward", n(16)}},
                [] { return nn::Transformer(nn::TransformerOptions(8, 2, 2, 1).dim_feedforward(16)).ptr(); }});
  cs.push_back(
      {"TransformerDefaults", "Transformer", {}, [] { return nn::Transformer(nn::TransformerOptions()).ptr(); }});
}

void other_cases(std::vector<Case>& cs) {
  cs.push_back({"PreluDefaults", "PReLU", {}, [] { return nn::PReLU().ptr(); }});
  cs.push_back({"PreluPerChannel", "PReLU", {{"num_parameters", n(3)}}, [] {
                  return nn::PReLU(nn::PReLUOptions().num_parameters(3)).ptr();
                }});
  cs.push_back(
      {"AdaptiveLogSoftmaxWithLoss",
       "AdaptiveLogSoftmaxWithLoss",
       {{"in_features", n(64)}, {"n_classes", n(20)}, {"cutoffs", dims({5, 10})}},
       [] { return nn::AdaptiveLogSoftmaxWithLoss(nn::AdaptiveLogSoftmaxWithLossOptions(64, 20, {5, 10})).ptr(); }});
  cs.push_back({"AdaptiveLogSoftmaxWithLossHeadBiasDiv3",
                "AdaptiveLogSoftmaxWithLoss",
                {{"in_features", n(50)},
                 {"n_classes", n(30)},
                 {"cutoffs", dims({4, 9, 20})},
                 {"div_value", 3.0},
                 {"head_bias", true}},
                [] {
                  return nn::AdaptiveLogSoftmaxWithLoss(
                             nn::AdaptiveLogSoftmaxWithLossOptions(50, 30, {4, 9, 20}).div_value(3.).head_bias(true))
                      .ptr();
                }});
  // Losses keep their Tensor options as buffers.
  LayerOptions weighted = {{"weight", dims({5})}};
  auto w = [] { return torch::ones({5}); };
  cs.push_back({"CrossEntropyLossWeighted", "CrossEntropyLoss", weighted,
                [=] { return nn::CrossEntropyLoss(nn::CrossEntropyLossOptions().weight(w())).ptr(); }});
  cs.push_back(
      {"NllLossWeighted", "NLLLoss", weighted, [=] { return nn::NLLLoss(nn::NLLLossOptions().weight(w())).ptr(); }});
  cs.push_back(
      {"BceLossWeighted", "BCELoss", weighted, [=] { return nn::BCELoss(nn::BCELossOptions().weight(w())).ptr(); }});
  cs.push_back({"MultiMarginLossWeighted", "MultiMarginLoss", weighted,
                [=] { return nn::MultiMarginLoss(nn::MultiMarginLossOptions().weight(w())).ptr(); }});
  cs.push_back({"MultiLabelSoftMarginLossWeighted", "MultiLabelSoftMarginLoss", weighted,
                [=] { return nn::MultiLabelSoftMarginLoss(nn::MultiLabelSoftMarginLossOptions().weight(w())).ptr(); }});
  cs.push_back(
      {"BceWithLogitsLossWeighted", "BCEWithLogitsLoss", {{"weight", dims({5})}, {"pos_weight", dims({3})}}, [=] {
         return nn::BCEWithLogitsLoss(nn::BCEWithLogitsLossOptions().weight(w()).pos_weight(torch::ones({3}))).ptr();
       }});
  cs.push_back({"CrossEntropyLoss", "CrossEntropyLoss", {}, [] { return nn::CrossEntropyLoss().ptr(); }});
  cs.push_back({"NllLoss", "NLLLoss", {}, [] { return nn::NLLLoss().ptr(); }});
  cs.push_back({"BceLoss", "BCELoss", {}, [] { return nn::BCELoss().ptr(); }});
  cs.push_back({"MultiMarginLoss", "MultiMarginLoss", {}, [] { return nn::MultiMarginLoss().ptr(); }});
  cs.push_back({"MultiLabelSoftMarginLoss", "MultiLabelSoftMarginLoss", {}, [] {
                  return nn::MultiLabelSoftMarginLoss().ptr();
                }});
  cs.push_back({"BceWithLogitsLoss", "BCEWithLogitsLoss", {}, [] { return nn::BCEWithLogitsLoss().ptr(); }});
  cs.push_back({"FractionalMaxPool2dRandomSamples",
                "FractionalMaxPool2d",
                {{"kernel_size", n(2)}, {"_random_samples", dims({1, 3, 2})}},
                [] {
                  return nn::FractionalMaxPool2d(
                             nn::FractionalMaxPool2dOptions(2).output_size(3)._random_samples(torch::ones({1, 3, 2})))
                      .ptr();
                }});
  cs.push_back({"FractionalMaxPool2d", "FractionalMaxPool2d", {{"kernel_size", n(2)}}, [] {
                  return nn::FractionalMaxPool2d(nn::FractionalMaxPool2dOptions(2).output_size(3)).ptr();
                }});
  cs.push_back({"FractionalMaxPool3d", "FractionalMaxPool3d", {{"kernel_size", n(2)}}, [] {
                  return nn::FractionalMaxPool3d(nn::FractionalMaxPool3dOptions(2).output_size(3)).ptr();
                }});
}

// Layers that must register nothing; options are the positional ones the rules name.
// A table of cases, one line each, so longer than the house limit (~80 lines).
void stateless_cases(std::vector<Case>& cs) {
  auto add = [&](const char* layer, LayerOptions o, std::function<std::shared_ptr<nn::Module>()> build) {
    cs.push_back({layer, layer, std::move(o), std::move(build)});
  };
  add("Identity", {}, [] { return nn::Identity().ptr(); });
  add("Flatten", {}, [] { return nn::Flatten().ptr(); });
  add("Unflatten", {{"dim", n(1)}, {"sizes", dims({2, 2})}},
      [] { return nn::Unflatten(nn::UnflattenOptions(1, {2, 2})).ptr(); });
  add("Fold", {{"output_size", n(4)}, {"kernel_size", n(2)}},
      [] { return nn::Fold(nn::FoldOptions({4, 4}, {2, 2})).ptr(); });
  add("Unfold", {{"kernel_size", n(2)}}, [] { return nn::Unfold(nn::UnfoldOptions({2, 2})).ptr(); });
  add("PixelShuffle", {{"upscale_factor", n(2)}}, [] { return nn::PixelShuffle(2).ptr(); });
  add("PixelUnshuffle", {{"downscale_factor", n(2)}}, [] { return nn::PixelUnshuffle(2).ptr(); });
  add("Upsample", {}, [] { return nn::Upsample().ptr(); });
  add("CosineSimilarity", {}, [] { return nn::CosineSimilarity().ptr(); });
  add("PairwiseDistance", {}, [] { return nn::PairwiseDistance().ptr(); });
  add("ReLU", {{"inplace", true}}, [] { return nn::ReLU(true).ptr(); });
  add("ReLU6", {}, [] { return nn::ReLU6().ptr(); });
  add("SELU", {}, [] { return nn::SELU().ptr(); });
  add("LeakyReLU", {}, [] { return nn::LeakyReLU().ptr(); });
  add("RReLU", {}, [] { return nn::RReLU().ptr(); });
  add("ELU", {}, [] { return nn::ELU().ptr(); });
  add("CELU", {}, [] { return nn::CELU().ptr(); });
  add("GELU", {}, [] { return nn::GELU().ptr(); });
  add("GLU", {}, [] { return nn::GLU().ptr(); });
  add("SiLU", {}, [] { return nn::SiLU().ptr(); });
  add("Mish", {}, [] { return nn::Mish().ptr(); });
  add("Sigmoid", {}, [] { return nn::Sigmoid().ptr(); });
  add("LogSigmoid", {}, [] { return nn::LogSigmoid().ptr(); });
  add("Tanh", {}, [] { return nn::Tanh().ptr(); });
  add("Tanhshrink", {}, [] { return nn::Tanhshrink().ptr(); });
  add("Hardtanh", {}, [] { return nn::Hardtanh().ptr(); });
  add("Hardshrink", {}, [] { return nn::Hardshrink().ptr(); });
  add("Softshrink", {}, [] { return nn::Softshrink().ptr(); });
  add("Softplus", {}, [] { return nn::Softplus().ptr(); });
  add("Softsign", {}, [] { return nn::Softsign().ptr(); });
  add("Threshold", {{"threshold", 0.1}, {"value", 0.0}}, [] { return nn::Threshold(0.1, 0.0).ptr(); });
  add("Softmax", {{"dim", n(1)}}, [] { return nn::Softmax(1).ptr(); });
  add("Softmin", {{"dim", n(1)}}, [] { return nn::Softmin(1).ptr(); });
  add("LogSoftmax", {{"dim", n(1)}}, [] { return nn::LogSoftmax(1).ptr(); });
  add("Softmax2d", {}, [] { return nn::Softmax2d().ptr(); });
  add("Dropout", {{"p", 0.2}}, [] { return nn::Dropout(0.2).ptr(); });
  add("Dropout2d", {}, [] { return nn::Dropout2d().ptr(); });
  add("Dropout3d", {}, [] { return nn::Dropout3d().ptr(); });
  add("AlphaDropout", {}, [] { return nn::AlphaDropout().ptr(); });
  add("FeatureAlphaDropout", {}, [] { return nn::FeatureAlphaDropout().ptr(); });
  add("MaxPool1d", {{"kernel_size", n(2)}}, [] { return nn::MaxPool1d(2).ptr(); });
  add("MaxPool2d", {{"kernel_size", n(2)}}, [] { return nn::MaxPool2d(2).ptr(); });
  add("MaxPool3d", {{"kernel_size", n(2)}}, [] { return nn::MaxPool3d(2).ptr(); });
  add("AvgPool1d", {{"kernel_size", n(2)}}, [] { return nn::AvgPool1d(2).ptr(); });
  add("AvgPool2d", {{"kernel_size", n(2)}}, [] { return nn::AvgPool2d(2).ptr(); });
  add("AvgPool3d", {{"kernel_size", n(2)}}, [] { return nn::AvgPool3d(2).ptr(); });
  add("AdaptiveMaxPool1d", {{"output_size", n(1)}}, [] { return nn::AdaptiveMaxPool1d(1).ptr(); });
  add("AdaptiveMaxPool2d", {{"output_size", n(1)}}, [] { return nn::AdaptiveMaxPool2d(1).ptr(); });
  add("AdaptiveMaxPool3d", {{"output_size", n(1)}}, [] { return nn::AdaptiveMaxPool3d(1).ptr(); });
  add("AdaptiveAvgPool1d", {{"output_size", n(1)}}, [] { return nn::AdaptiveAvgPool1d(1).ptr(); });
  add("AdaptiveAvgPool2d", {{"output_size", n(1)}}, [] { return nn::AdaptiveAvgPool2d(1).ptr(); });
  add("AdaptiveAvgPool3d", {{"output_size", n(1)}}, [] { return nn::AdaptiveAvgPool3d(1).ptr(); });
  add("LPPool1d", {{"norm_type", 2.0}, {"kernel_size", n(2)}}, [] { return nn::LPPool1d(2, 2).ptr(); });
  add("LPPool2d", {{"norm_type", 2.0}, {"kernel_size", n(2)}}, [] { return nn::LPPool2d(2, 2).ptr(); });
  add("MaxUnpool1d", {{"kernel_size", n(2)}}, [] { return nn::MaxUnpool1d(2).ptr(); });
  add("MaxUnpool2d", {{"kernel_size", n(2)}}, [] { return nn::MaxUnpool2d(2).ptr(); });
  add("MaxUnpool3d", {{"kernel_size", n(2)}}, [] { return nn::MaxUnpool3d(2).ptr(); });
  add("ReflectionPad1d", {{"padding", n(1)}}, [] { return nn::ReflectionPad1d(1).ptr(); });
  add("ReflectionPad2d", {{"padding", n(1)}}, [] { return nn::ReflectionPad2d(1).ptr(); });
  add("ReflectionPad3d", {{"padding", n(1)}}, [] { return nn::ReflectionPad3d(1).ptr(); });
  add("ReplicationPad1d", {{"padding", n(1)}}, [] { return nn::ReplicationPad1d(1).ptr(); });
  add("ReplicationPad2d", {{"padding", n(1)}}, [] { return nn::ReplicationPad2d(1).ptr(); });
  add("ReplicationPad3d", {{"padding", n(1)}}, [] { return nn::ReplicationPad3d(1).ptr(); });
  add("ZeroPad2d", {{"padding", n(1)}}, [] { return nn::ZeroPad2d(1).ptr(); });
  add("ConstantPad1d", {{"padding", n(1)}, {"value", 0.5}}, [] { return nn::ConstantPad1d(1, 0.5).ptr(); });
  add("ConstantPad2d", {{"padding", n(1)}, {"value", 0.5}}, [] { return nn::ConstantPad2d(1, 0.5).ptr(); });
  add("ConstantPad3d", {{"padding", n(1)}, {"value", 0.5}}, [] { return nn::ConstantPad3d(1, 0.5).ptr(); });
  add("L1Loss", {}, [] { return nn::L1Loss().ptr(); });
  add("MSELoss", {}, [] { return nn::MSELoss().ptr(); });
  add("KLDivLoss", {}, [] { return nn::KLDivLoss().ptr(); });
  add("SmoothL1Loss", {}, [] { return nn::SmoothL1Loss().ptr(); });
  add("HuberLoss", {}, [] { return nn::HuberLoss().ptr(); });
  add("SoftMarginLoss", {}, [] { return nn::SoftMarginLoss().ptr(); });
  add("MultiLabelMarginLoss", {}, [] { return nn::MultiLabelMarginLoss().ptr(); });
  add("HingeEmbeddingLoss", {}, [] { return nn::HingeEmbeddingLoss().ptr(); });
  add("CosineEmbeddingLoss", {}, [] { return nn::CosineEmbeddingLoss().ptr(); });
  add("MarginRankingLoss", {}, [] { return nn::MarginRankingLoss().ptr(); });
  add("TripletMarginLoss", {}, [] { return nn::TripletMarginLoss().ptr(); });
  add("TripletMarginWithDistanceLoss", {}, [] { return nn::TripletMarginWithDistanceLoss().ptr(); });
  add("PoissonNLLLoss", {}, [] { return nn::PoissonNLLLoss().ptr(); });
  add("CTCLoss", {}, [] { return nn::CTCLoss().ptr(); });
}

std::vector<Case> all_cases() {
  std::vector<Case> cs;
  linear_cases(cs);
  conv_cases<1, nn::Conv1d, nn::Conv1dOptions>(cs, "Conv1d");
  conv_cases<2, nn::Conv2d, nn::Conv2dOptions>(cs, "Conv2d");
  conv_cases<3, nn::Conv3d, nn::Conv3dOptions>(cs, "Conv3d");
  conv_cases<1, nn::ConvTranspose1d, nn::ConvTranspose1dOptions>(cs, "ConvTranspose1d");
  conv_cases<2, nn::ConvTranspose2d, nn::ConvTranspose2dOptions>(cs, "ConvTranspose2d");
  conv_cases<3, nn::ConvTranspose3d, nn::ConvTranspose3dOptions>(cs, "ConvTranspose3d");
  norm_cases(cs);
  embedding_cases(cs);
  recurrent_cases(cs);
  attention_cases(cs);
  other_cases(cs);
  stateless_cases(cs);
  return cs;
}

}  // namespace

const std::vector<Case>& layer_cases() {
  static const std::vector<Case> cs = all_cases();
  return cs;
}

}  // namespace ckptcheck
