// Layer rules for the sequence layers: RNN, LSTM, GRU and their cells,
// MultiheadAttention and the Transformer family. Facts cited are from LibTorch
// 1.13's torch/csrc/api/src/nn/modules/*.cpp.
#include "layer_rules_support.h"

namespace ckptcheck::layer_rules {
namespace {

// RNNImplBase::reset (rnn.cpp): per layer and direction weight_ih, weight_hh,
// bias_ih, bias_hh, then LSTM's weight_hr; the reverse direction adds "_reverse".
// With proj_size the hidden state (and so weight_hh's width) is proj_size wide;
// layers above the first read both directions' outputs.
Entries rnn_entries(const LayerOptions& o, int64_t gates, bool has_proj) {
  DimExpr input = dim(o, "input_size"), hidden = dim(o, "hidden_size");
  DimExpr layers = count(o, "num_layers", 1);
  bool bias = flag(o, "bias", true);
  int64_t directions = flag(o, "bidirectional", false) ? 2 : 1;
  DimExpr proj = has_proj ? dim(o, "proj_size", 0) : DimExpr(0);
  if (!proj.constant()) fail("proj_size is " + proj.to_string() + ", which decides whether weight_hr exists");
  bool projected = *proj.constant() > 0;
  DimExpr output = projected ? proj : hidden;
  Entries e;
  auto add_layer = [&](const std::string& layer, const DimExpr& in) {
    for (int64_t dir = 0; dir < directions; ++dir) {
      std::string suffix = "_l" + layer + (dir ? "_reverse" : "");
      e.push_back(param("weight_ih" + suffix, {gates * hidden, in}));
      e.push_back(param("weight_hh" + suffix, {gates * hidden, output}));
      if (bias) {
        e.push_back(param("bias_ih" + suffix, {gates * hidden}));
        e.push_back(param("bias_hh" + suffix, {gates * hidden}));
      }
      if (projected) e.push_back(param("weight_hr" + suffix, {proj, hidden}));
    }
  };
  if (auto n = layers.constant()) {
    for (int64_t layer = 0; layer < *n; ++layer) add_layer(std::to_string(layer), layer == 0 ? input : output * directions);
    return e;
  }
  // num_layers is a symbol: layer 0 reads the input, layers 1 to num_layers-1
  // (one repeated group) read the layer below. LibTorch needs at least one layer.
  add_layer("0", input);
  size_t first = e.size();
  add_layer("{l}", output * directions);
  for (size_t i = first; i < e.size(); ++i) e[i].repeat = {SpecRepeat{"l", 1, layers, 1}};
  return e;
}

// RNNCellImplBase::reset (rnn.cpp).
Entries cell_entries(const LayerOptions& o, int64_t gates) {
  DimExpr input = dim(o, "input_size"), hidden = dim(o, "hidden_size");
  Entries e{param("weight_ih", {gates * hidden, input}), param("weight_hh", {gates * hidden, hidden})};
  if (flag(o, "bias", true)) {
    e.push_back(param("bias_ih", {gates * hidden}));
    e.push_back(param("bias_hh", {gates * hidden}));
  }
  return e;
}

// The gate multipliers: RNN 1, LSTM 4 (i, f, g, o), GRU 3 (r, z, n).
Entries rnn(const LayerOptions& o) { return rnn_entries(o, 1, false); }
Entries lstm(const LayerOptions& o) { return rnn_entries(o, 4, true); }
Entries gru(const LayerOptions& o) { return rnn_entries(o, 3, false); }
Entries rnn_cell(const LayerOptions& o) { return cell_entries(o, 1); }
Entries lstm_cell(const LayerOptions& o) { return cell_entries(o, 4); }
Entries gru_cell(const LayerOptions& o) { return cell_entries(o, 3); }

// MultiheadAttentionImpl::reset (activation.cpp): one packed in_proj_weight when
// kdim and vdim equal embed_dim, else q/k/v_proj_weight; in_proj_bias stays packed
// [3*E] either way; bias_k/bias_v are [1, 1, E]; out_proj is a Linear submodule,
// so its tensors come after the module's own.
Entries mha_entries(const DimExpr& e, bool bias, bool add_bias_kv, const DimExpr& kdim, const DimExpr& vdim) {
  // Packed when kdim and vdim equal embed_dim. With symbols that may be
  // undecided: then both layouts are listed, each under its condition.
  bool unpacked = false;
  std::string condition;
  for (const DimExpr* d : {&kdim, &vdim}) {
    if (*d == e) continue;
    if (d->constant() && e.constant()) unpacked = true;
    else condition = both_conditions(condition, d->to_string() + "==" + e.to_string());
  }
  Entries out;
  if (!unpacked) {
    out.push_back(param("in_proj_weight", {3 * e, e}));
    out.back().condition = condition;
  }
  if (unpacked || !condition.empty()) {
    std::string otherwise = condition.empty() ? "" : "!(" + condition + ")";
    for (auto [name, width] : {std::pair{"q_proj_weight", e}, {"k_proj_weight", kdim}, {"v_proj_weight", vdim}}) {
      out.push_back(param(name, {e, width}));
      out.back().condition = otherwise;
    }
  }
  if (bias) out.push_back(param("in_proj_bias", {3 * e}));
  if (add_bias_kv) {
    out.push_back(param("bias_k", {1, 1, e}));
    out.push_back(param("bias_v", {1, 1, e}));
  }
  append(out, "out_proj", linear_entries(e, e, bias));
  return out;
}

Entries multihead_attention(const LayerOptions& o) {
  DimExpr e = dim(o, "embed_dim");
  dim(o, "num_heads");  // required, though no shape depends on it
  // MultiheadAttentionOptions' constructor sets kdim and vdim to embed_dim.
  return mha_entries(e, flag(o, "bias", true), flag(o, "add_bias_kv", false), dim(o, "kdim", e), dim(o, "vdim", e));
}

// TransformerEncoderLayerImpl / TransformerDecoderLayerImpl::reset (transformer.cpp):
// self_attn (and the decoder's multihead_attn), linear1/linear2 and a
// LayerNorm({d_model}) per sublayer, all with biases.
Entries transformer_layer_entries(const LayerOptions& o, bool decoder) {
  DimExpr d = dim(o, "d_model"), ff = dim(o, "dim_feedforward", 2048);
  dim(o, "nhead");
  Entries out;
  append(out, "self_attn", mha_entries(d, true, false, d, d));
  if (decoder) append(out, "multihead_attn", mha_entries(d, true, false, d, d));
  append(out, "linear1", linear_entries(d, ff, true));
  append(out, "linear2", linear_entries(ff, d, true));
  for (int i = 1; i <= (decoder ? 3 : 2); ++i) append(out, "norm" + std::to_string(i), layer_norm_entries({d}, true));
  return out;
}

Entries transformer_encoder_layer(const LayerOptions& o) { return transformer_layer_entries(o, false); }
Entries transformer_decoder_layer(const LayerOptions& o) { return transformer_layer_entries(o, true); }

// TransformerEncoderImpl / TransformerDecoderImpl::reset: num_layers clones in the
// ModuleList "layers", and "norm" only when options.norm() was given; LibTorch
// adds none by default.
Entries transformer_stack_entries(const LayerOptions& o, bool decoder, const DimExpr& layers, bool norm,
                                  int group = 1) {
  Entries layer = transformer_layer_entries(o, decoder), out;
  if (auto n = layers.constant()) {
    for (int64_t i = 0; i < *n; ++i) append(out, "layers." + std::to_string(i), layer);
  } else {  // a symbol: the clones are one repeated group
    append(out, "layers.{i}", layer);
    for (LayerEntry& e : out) e.repeat = {SpecRepeat{"i", 0, layers, group}};
  }
  if (norm) append(out, "norm", layer_norm_entries({dim(o, "d_model")}, true));
  return out;
}

// TransformerEncoderOptions(encoder_layer, num_layers) nests the layer's options;
// here they come flattened (d_model, nhead, dim_feedforward) next to num_layers,
// and the bool "norm" says whether a final norm is given, taken to be
// LayerNorm({d_model}) as Transformer itself uses.
Entries transformer_encoder(const LayerOptions& o) {
  return transformer_stack_entries(o, false, count(o, "num_layers"), flag(o, "norm", false));
}
Entries transformer_decoder(const LayerOptions& o) {
  return transformer_stack_entries(o, true, count(o, "num_layers"), flag(o, "norm", false));
}

// TransformerImpl::reset (transformer.cpp): an encoder and a decoder, each with
// a final LayerNorm({d_model}), unless custom ones replace them.
Entries transformer(const LayerOptions& o) {
  for (const char* custom : {"custom_encoder", "custom_decoder"})
    if (find(o, custom)) fail(std::string(custom) + " replaces a stack whose tensors the options do not tell");
  LayerOptions layer = o;  // TransformerOptions has defaults where the layers' options have none
  layer.try_emplace("d_model", DimExpr(512));
  layer.try_emplace("nhead", DimExpr(8));
  Entries out;
  append(out, "encoder", transformer_stack_entries(layer, false, count(o, "num_encoder_layers", 6), true, 1));
  append(out, "decoder", transformer_stack_entries(layer, true, count(o, "num_decoder_layers", 6), true, 2));
  return out;
}

}  // namespace

std::vector<LayerRule> sequence_rules() {
  return {
      {"RNN", {"input_size", "hidden_size"}, guarded<rnn>},
      {"LSTM", {"input_size", "hidden_size"}, guarded<lstm>},
      {"GRU", {"input_size", "hidden_size"}, guarded<gru>},
      {"RNNCell", {"input_size", "hidden_size"}, guarded<rnn_cell>},
      {"LSTMCell", {"input_size", "hidden_size"}, guarded<lstm_cell>},
      {"GRUCell", {"input_size", "hidden_size"}, guarded<gru_cell>},
      {"MultiheadAttention", {"embed_dim", "num_heads"}, guarded<multihead_attention>},
      {"TransformerEncoderLayer", {"d_model", "nhead"}, guarded<transformer_encoder_layer>},
      {"TransformerDecoderLayer", {"d_model", "nhead"}, guarded<transformer_decoder_layer>},
      {"TransformerEncoder", {"encoder_layer", "num_layers"}, guarded<transformer_encoder>},
      {"TransformerDecoder", {"decoder_layer", "num_layers"}, guarded<transformer_decoder>},
      {"Transformer", {"d_model", "nhead", "num_encoder_layers", "num_decoder_layers"}, guarded<transformer>},
  };
}

}  // namespace ckptcheck::layer_rules
