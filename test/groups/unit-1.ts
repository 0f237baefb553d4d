// The unit tests, first of two shares that the runner starts in parallel (see ../helpers/shares.ts).
import { runShare } from "../helpers/shares.js";

runShare("test/unit", 1, 2);
