// Hostile sample: zeroPad returns an object whose class name is a terminal title sequence, a newline
// and a GitHub workflow command; the name reaches the report in "an object of class …".
class Liar {
  static get name(): string {
    return "\u001b]0;owned\u0007\n::error::a perfect score\u001b[8m";
  }
}

export function zeroPad(): unknown {
  return new Liar();
}
