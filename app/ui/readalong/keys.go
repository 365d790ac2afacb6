package readalong

// Command is what a key asks the viewer to do.
type Command int

const (
	NoCommand Command = iota
	TogglePlay
	Back10
	Forward10
	Back5
	Forward5
	Slower
	Faster
	FollowKey // follow the audio on or off
	FocusSearch
	PrevChapter
	NextChapter
	NextHit
	PrevHit
	ToggleHelp
	Dismiss // Escape: the help, else the search, and the copy bar
)

// Key is a keydown: the key, the modifiers held, whether a handler already took it, and the element it
// went to (its tag name, and whether it is editable).
type Key struct {
	Key             string
	Ctrl, Meta, Alt bool
	Prevented       bool
	Tag             string // "INPUT", "BUTTON", …
	ContentEditable bool
}

// keys is the keyboard's table, as the help lists it.
var keys = map[string]Command{
	" ": TogglePlay, "k": TogglePlay,
	"j": Back10, "l": Forward10, "ArrowLeft": Back5, "ArrowRight": Forward5,
	"<": Slower, ",": Slower, ">": Faster, ".": Faster,
	"f": FollowKey, "/": FocusSearch, "[": PrevChapter, "]": NextChapter,
	"n": NextHit, "N": PrevHit, "?": ToggleHelp, "Escape": Dismiss,
}

// CommandFor is the command a key gives: none while the reader types in a field or holds Ctrl, Meta or
// Alt (the browser's own shortcuts), and no Space on a button, link or summary (it presses them).
func CommandFor(k Key) Command {
	if k.Prevented || k.Ctrl || k.Meta || k.Alt {
		return NoCommand
	}
	switch k.Tag {
	case "INPUT", "TEXTAREA", "SELECT":
		return NoCommand
	}
	if k.ContentEditable {
		return NoCommand
	}
	if k.Key == " " && (k.Tag == "BUTTON" || k.Tag == "A" || k.Tag == "SUMMARY") {
		return NoCommand
	}
	return keys[k.Key]
}

// Skip is how far a command moves the audio, in seconds (0 for a command that does not skip).
func (c Command) Skip() float64 {
	return map[Command]float64{Back10: -10, Forward10: 10, Back5: -5, Forward5: 5}[c]
}
