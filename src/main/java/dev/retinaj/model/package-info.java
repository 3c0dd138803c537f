/**
 * The RetinaNet network on DJL's Block API, with torchvision's module and tensor names.
 *
 * <pre>{@code
 * RetinaNet net = RetinaNetFactory.build(cfg.model(), numClasses); // the only reader of model.* config
 * net.initialize(manager);              // or let a DJL Trainer initialise it (Trainer.initialize(shape))
 * ModelWeights.applyConfigured(net, cfg.model());  // model.backbone.weights, then model.weights
 * NDList out = net.forward(parameterStore, new NDList(images), training);  // images [B, 3, H, W]
 * HeadOutputs h = net.outputs(out, H, W);  // cls [B, A_total, K], deltas [B, A_total, 4], level shapes
 * ModelWeights.save(net, file);  ModelWeights.load(net, file);  // checkpoints (safetensors, torchvision names)
 * }</pre>
 *
 * <p>Trainable: every parameter whose {@code requiresGradient()} is true ({@link RetinaNet#trainableParameters}):
 * not the stages below {@code model.backbone.freeze_at}, never the FrozenBatchNorm constants or BN
 * running statistics. Frozen stages also run their norms in inference mode.
 */
package dev.retinaj.model;
