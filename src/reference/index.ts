/** The reference solutions of the eight exercises, under the contract's names; used to build fixtures. */

export { convBackward } from "./conv-backward.js";
export { convForward } from "./conv-forward.js";
export { convSingleStep } from "./conv-single-step.js";
export { createMaskFromWindow } from "./create-mask-from-window.js";
export { distributeValue } from "./distribute-value.js";
export { poolBackward } from "./pool-backward.js";
export { poolForward } from "./pool-forward.js";
export { zeroPad } from "./zero-pad.js";
