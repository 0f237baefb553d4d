/** The reference solutions of the eight exercises, under the contract's names; used to build fixtures. */
export { zeroPad } from "./zero-pad.js";
export { convSingleStep } from "./conv-single-step.js";
export { convForward } from "./conv-forward.js";
export { poolForward } from "./pool-forward.js";
export { convBackward } from "./conv-backward.js";
export { createMaskFromWindow } from "./create-mask-from-window.js";
export { distributeValue } from "./distribute-value.js";
export { poolBackward } from "./pool-backward.js";
