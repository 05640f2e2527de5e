// The one image size everything shares: MNIST's 28×28 grey digits, which the model reads,
// the preprocessing produces and the sketch pad draws on.
export const imageSide = 28;
export const imagePixels = imageSide * imageSide;
/** The model's input: one grey channel. */
export const imageShape = [imageSide, imageSide, 1] as const;
