// Package page is the page contract: every element id, class and data attribute the viewer's pages
// carry, and the encoding of word times, declared once. The prerenderer (package ui's render), the
// browser shell (package ui's player and library), web/early.js and the tests all name the page by
// these; TestContract checks that the scripts and the browser tests ask for nothing else.
//
// The DOM semantics stay as ../shared/design/house.md gives them: segments with data-start/data-end,
// aria-current on the one being heard, <mark> for search hits, <ins> for corrected spellings, one
// <audio>, an input[type=search].
package page

// Element ids.
const (
	AlwaysSkip     = "always-skip"
	Card           = "card" // the quote card dialog (web/card.js)
	CardShare      = "card-share"
	NameCount      = "name-count"
	ScriptHant     = "script-hant"
	ScriptHans     = "script-hans"
	ScriptOrig     = "script-orig"
	ArchiveMore    = "archive-more"
	ArchiveResults = "archive-results"
	ArchiveSearch  = "archive-search"
	ArchiveStatus  = "archive-status"
	Audio          = "audio"
	AudioSlot      = "audio-slot"
	Back           = "back"
	CardBtn        = "card-btn"
	ChapterNow     = "chapter-now"
	ChapterTicks   = "chapter-ticks"
	Comfort        = "comfort"
	ComfortBtn     = "comfort-btn"
	CopyLink       = "copy-link"
	CopyQuote      = "copy-quote"
	Copybar        = "copybar"
	Count          = "count"
	Cursor         = "cursor"
	Drop           = "drop"
	Episodes       = "episodes"
	EpisodesSlot   = "episodes-slot"
	File           = "file"
	Follow         = "follow"
	FullPage       = "full-page"
	Fwd            = "fwd"
	Help           = "help"
	HelpBtn        = "help-btn"
	HelpClose      = "help-close"
	HelpTitle      = "help-title"
	Home           = "home"
	Library        = "library"
	Live           = "live"
	Markers        = "markers"
	Names          = "names"
	NextHit        = "next-hit"
	Notice         = "notice"
	NoticeText     = "notice-text"
	Now            = "now"
	Play           = "play"
	Player         = "player"
	PrevHit        = "prev-hit"
	Results        = "results"
	Resume         = "resume"
	ResumeBtn      = "resume-btn"
	Scripts        = "scripts"
	Scrub          = "scrub"
	Search         = "search"
	ShareBtn       = "share-btn"
	ShowDesc       = "show-desc"
	Similar        = "similar"
	SkipSponsor    = "skip-sponsor"
	SoundsLike     = "sounds-like"
	Spacing        = "spacing"
	Speed          = "speed"
	Suggest        = "suggest"
	Terms          = "terms"
	TermsSlot      = "terms-slot"
	TextLarger     = "text-larger"
	TextSmaller    = "text-smaller"
	Time           = "time"
	Tingo          = "tingo"
	Title          = "title"
	Toc            = "toc"
	TocTitle       = "toc-title"
	Transcript     = "transcript"
	TranscriptSlot = "transcript-slot"
)

// Classes, and the selectors made of them.
const (
	Seg        = "seg"  // a segment: <p class="seg" data-i data-start data-end [data-w] [data-fixes]>
	Tx         = "tx"   // a segment's words: one <span>, text nodes and <ins>/<mark> inside
	Ts         = "ts"   // a segment's timestamp link
	Spk        = "spk"  // the speaker where a turn starts
	Chip       = "chip" // a term chip: a button that searches data-q
	Hit        = "hit"  // a search result: a button that seeks to data-t
	Chap       = "chap" // a chapter's heading (h2)
	ChapTitle  = "ct"   // its title
	CurrentHit = "current-hit"
	Top        = "top"       // the sticky header
	NameList   = "name-list" // the name pages' list

	SegSel     = "." + Seg
	TxSel      = "." + Tx
	CurrentSel = SegSel + "[aria-current]"
	SearchSel  = "input[type=search]"
)

// Data attributes.
const (
	DataI     = "data-i"     // a segment's index
	DataStart = "data-start" // its start, seconds
	DataEnd   = "data-end"   // its end
	DataW     = "data-w"     // its word times: Words
	DataFixes = "data-fixes" // what its corrected spellings were, for a screen reader
	DataWas   = "data-was"   // on an <ins>: what the recognition wrote
	DataQ     = "data-q"     // on a chip: its query
	DataT     = "data-t"     // on a result: its time
	DataLive  = "data-live"  // on #library: the app took the page over
)
