package dev.retinaj.model;

/** Normalisation after a convolution. */
public enum NormType {
    /** torchvision's FrozenBatchNorm2d: affine constants from the weights, never trained. */
    FROZEN_BN,
    /** Trainable batch norm (DJL's BatchNorm). */
    BN,
    /** Group norm; see {@link Norms#groups(int)} for the number of groups. */
    GN,
    /** No normalisation (the convolution then has a bias). */
    NONE
}
