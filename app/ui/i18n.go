package ui

import "strings"

// Interface text in English, Traditional and Simplified Chinese, chosen by the browser's languages.

type msg int

const (
	msgPlay msg = iota
	msgPause
	msgBack10
	msgFwd10
	msgSpeed
	msgSeek
	msgFollow
	msgBackToNow
	msgOpen
	msgOpenHint
	msgHelp
	msgClose
	msgShortcuts
	msgResumeAt
	msgResume
	msgDismiss
	msgCopyLink
	msgCopyQuote
	msgCopied
	msgPlayingAt
	msgPausedAt
	msgJumpedTo
	msgRefusedURL
	msgFetchFailed
	msgNoAudio
	msgTranscript
	msgDropHere
	msgKeyPlay
	msgKeySkip
	msgKeyNudge
	msgKeySpeed
	msgKeyFollow
	msgKeySearch
	msgKeyHelp
	msgFollowing
	msgNotFollowing
	msgLoaded
	msgAudioError
	msgSearch
	msgPrevHit
	msgNextHit
	msgSoundsLike
	msgSimilar
	msgNoHits
	msgTierExact // the four tier labels, in search.Tier order
	msgTierFolded
	msgTierSoundsLike
	msgTierSimilar
	msgResults
	msgTerms
	msgSearchAll
	msgEpisodes
	msgAllEpisodes
	msgTypeMore
	msgSearching
	msgMoreResults
	msgFoundIn
	msgSearchFailed
	msgSearchLoading
	msgChapters
	msgSponsor
	msgWas       // a corrected spelling's title: what the transcript said
	msgNames     // the library's list of name pages
	msgMentions  // a name page's link from a chip: "every mention of %s"
	msgNameCount // a name page's count
	msgAlso      // a name page's wrong spellings
	msgSuggested
	msgSkipSponsor
	msgAlwaysSkip
	msgKeyChapter
	msgChapterLink
	msgSkipped
	msgSmaller // reading comfort: the text's size and line spacing
	msgLarger
	msgSpacing
	msgComfort
	msgFullPage
	msgShare // sharing a moment: the system share sheet, the quote card and its download
	msgCard
	msgDownload
	msgScript // the Chinese scripts' group, and showing the text as written
	msgAsWritten
	msgCount
)

var messages = map[string][msgCount]string{
	"en": {
		msgPlay: "Play", msgPause: "Pause", msgBack10: "Back 10 seconds", msgFwd10: "Forward 10 seconds",
		msgSpeed: "Playback speed", msgSeek: "Seek", msgFollow: "Follow the audio", msgBackToNow: "Back to now",
		msgOpen: "Open files", msgOpenHint: "Open a transcript and its audio (or drop them here). Nothing leaves your browser.",
		msgHelp: "Keyboard shortcuts", msgClose: "Close", msgShortcuts: "Keyboard shortcuts",
		msgResumeAt: "Resume where you left off, at %s?", msgResume: "Resume", msgDismiss: "Dismiss",
		msgCopyLink: "Copy link", msgCopyQuote: "Copy quote", msgCopied: "Copied",
		msgPlayingAt: "Playing at %s", msgPausedAt: "Paused at %s", msgJumpedTo: "Jumped to %s",
		msgRefusedURL:  "Refused to load %q: only http, https and relative addresses are allowed.",
		msgFetchFailed: "Could not load %s: %s. If it is on another site, that site must allow it (CORS).",
		msgNoAudio:     "No audio: open an audio file to listen.", msgTranscript: "Transcript",
		msgDropHere: "Drop a transcript and its audio",
		msgKeyPlay:  "Play or pause", msgKeySkip: "Back or forward 10 seconds", msgKeyNudge: "Back or forward 5 seconds",
		msgKeySpeed: "Slower or faster", msgKeyFollow: "Follow the audio on or off", msgKeySearch: "Search",
		msgKeyHelp: "This help", msgFollowing: "Following the audio", msgNotFollowing: "Not following: you scrolled away",
		msgLoaded: "Opened %s", msgAudioError: "The audio could not be played: %s",
		msgSearch: "Search the transcript", msgPrevHit: "Previous match", msgNextHit: "Next match",
		msgSoundsLike: "sounds like", msgSimilar: "similar spelling", msgNoHits: "no match",
		msgTierExact: "exact", msgTierFolded: "folded", msgTierSoundsLike: "sounds like", msgTierSimilar: "similar",
		msgResults: "Matches", msgTerms: "Names and key terms",
		msgSearchAll: "Search every episode", msgEpisodes: "Episodes", msgAllEpisodes: "All episodes",
		msgTypeMore: "Type a little more to search every episode", msgSearching: "Searching…",
		msgMoreResults: "More results", msgFoundIn: "%d matches in %d episodes", msgSearchFailed: "Search failed: %s",
		msgSearchLoading: "Search is loading…",
		msgChapters:      "Chapters", msgSponsor: "Sponsor", msgSuggested: "suggested", msgSkipSponsor: "Skip sponsor",
		msgAlwaysSkip: "Always skip sponsor reads", msgKeyChapter: "Previous or next chapter", msgChapterLink: "Link",
		msgSmaller: "Smaller text", msgLarger: "Larger text", msgSpacing: "Line spacing", msgComfort: "Text size and spacing", msgFullPage: "Full page",
		msgShare: "Share…", msgCard: "Quote card", msgDownload: "Download image",
		msgScript: "Chinese script", msgAsWritten: "As written",
		msgSkipped: "Skipped the sponsor read to %s",
		msgWas:     "Corrected; the transcript said: %s", msgNames: "Names", msgMentions: "Every mention of %s",
		msgNameCount: "%d mentions in %d episodes", msgAlso: "Also written: ",
	},
	"zh-Hant": {
		msgPlay: "播放", msgPause: "暫停", msgBack10: "倒退 10 秒", msgFwd10: "快轉 10 秒",
		msgSpeed: "播放速度", msgSeek: "播放位置", msgFollow: "跟隨播放", msgBackToNow: "回到目前位置",
		msgOpen: "開啟檔案", msgOpenHint: "開啟逐字稿和音檔（或拖放到這裡）。檔案不會離開你的瀏覽器。",
		msgHelp: "鍵盤快速鍵", msgClose: "關閉", msgShortcuts: "鍵盤快速鍵",
		msgResumeAt: "要從上次的位置 %s 繼續嗎？", msgResume: "繼續播放", msgDismiss: "略過",
		msgCopyLink: "複製連結", msgCopyQuote: "複製引文", msgCopied: "已複製",
		msgPlayingAt: "從 %s 播放", msgPausedAt: "暫停於 %s", msgJumpedTo: "跳到 %s",
		msgRefusedURL:  "拒絕載入 %q：只允許 http、https 和相對網址。",
		msgFetchFailed: "無法載入 %s：%s。若檔案在其他網站，該網站須允許跨來源存取（CORS）。",
		msgNoAudio:     "沒有音檔：開啟音檔即可收聽。", msgTranscript: "逐字稿",
		msgDropHere: "拖放逐字稿和音檔",
		msgKeyPlay:  "播放或暫停", msgKeySkip: "倒退或快轉 10 秒", msgKeyNudge: "倒退或快轉 5 秒",
		msgKeySpeed: "放慢或加快", msgKeyFollow: "開關跟隨播放", msgKeySearch: "搜尋",
		msgKeyHelp: "本說明", msgFollowing: "正在跟隨播放", msgNotFollowing: "已暫停跟隨：你捲動離開了",
		msgLoaded: "已開啟 %s", msgAudioError: "音檔無法播放：%s",
		msgSearch: "搜尋逐字稿", msgPrevHit: "上一個", msgNextHit: "下一個",
		msgSoundsLike: "同音", msgSimilar: "近似拼寫", msgNoHits: "找不到",
		msgTierExact: "完全相符", msgTierFolded: "繁簡/大小寫", msgTierSoundsLike: "同音", msgTierSimilar: "近似",
		msgResults: "搜尋結果", msgTerms: "人名與關鍵詞",
		msgSearchAll: "搜尋所有集數", msgEpisodes: "所有集數", msgAllEpisodes: "所有集數",
		msgTypeMore: "請再多輸入一些字來搜尋所有集數", msgSearching: "搜尋中…",
		msgMoreResults: "更多結果", msgFoundIn: "%d 個結果，分布在 %d 集", msgSearchFailed: "搜尋失敗：%s", msgSearchLoading: "搜尋載入中…",
		msgChapters: "章節", msgSponsor: "贊助", msgSuggested: "自動建議", msgSkipSponsor: "跳過贊助",
		msgAlwaysSkip: "總是跳過贊助段落", msgKeyChapter: "上一章或下一章", msgChapterLink: "連結",
		msgSmaller: "縮小文字", msgLarger: "放大文字", msgSpacing: "行距", msgComfort: "文字大小與行距", msgFullPage: "完整頁面",
		msgShare: "分享…", msgCard: "引文卡片", msgDownload: "下載圖片",
		msgScript: "中文字體", msgAsWritten: "原文",
		msgSkipped: "已跳過贊助段落，到 %s",
		msgWas:     "已更正，逐字稿原作：%s", msgNames: "人名與名詞", msgMentions: "所有提到「%s」的地方",
		msgNameCount: "%d 次，分布在 %d 集", msgAlso: "也寫作：",
	},
	"zh-Hans": {
		msgPlay: "播放", msgPause: "暂停", msgBack10: "后退 10 秒", msgFwd10: "快进 10 秒",
		msgSpeed: "播放速度", msgSeek: "播放位置", msgFollow: "跟随播放", msgBackToNow: "回到当前位置",
		msgOpen: "打开文件", msgOpenHint: "打开文字稿和音频（或拖放到这里）。文件不会离开你的浏览器。",
		msgHelp: "键盘快捷键", msgClose: "关闭", msgShortcuts: "键盘快捷键",
		msgResumeAt: "要从上次的位置 %s 继续吗？", msgResume: "继续播放", msgDismiss: "忽略",
		msgCopyLink: "复制链接", msgCopyQuote: "复制引文", msgCopied: "已复制",
		msgPlayingAt: "从 %s 播放", msgPausedAt: "暂停于 %s", msgJumpedTo: "跳到 %s",
		msgRefusedURL:  "拒绝加载 %q：只允许 http、https 和相对地址。",
		msgFetchFailed: "无法加载 %s：%s。若文件在其他网站，该网站须允许跨域访问（CORS）。",
		msgNoAudio:     "没有音频：打开音频文件即可收听。", msgTranscript: "文字稿",
		msgDropHere: "拖放文字稿和音频",
		msgKeyPlay:  "播放或暂停", msgKeySkip: "后退或快进 10 秒", msgKeyNudge: "后退或快进 5 秒",
		msgKeySpeed: "放慢或加快", msgKeyFollow: "开关跟随播放", msgKeySearch: "搜索",
		msgKeyHelp: "本说明", msgFollowing: "正在跟随播放", msgNotFollowing: "已暂停跟随：你滚动离开了",
		msgLoaded: "已打开 %s", msgAudioError: "音频无法播放：%s",
		msgSearch: "搜索文字稿", msgPrevHit: "上一个", msgNextHit: "下一个",
		msgSoundsLike: "同音", msgSimilar: "近似拼写", msgNoHits: "找不到",
		msgTierExact: "完全相符", msgTierFolded: "繁简/大小写", msgTierSoundsLike: "同音", msgTierSimilar: "近似",
		msgResults: "搜索结果", msgTerms: "人名与关键词",
		msgSearchAll: "搜索所有集数", msgEpisodes: "所有集数", msgAllEpisodes: "所有集数",
		msgTypeMore: "请再多输入一些字来搜索所有集数", msgSearching: "搜索中…",
		msgMoreResults: "更多结果", msgFoundIn: "%d 个结果，分布在 %d 集", msgSearchFailed: "搜索失败：%s", msgSearchLoading: "搜索加载中…",
		msgChapters: "章节", msgSponsor: "赞助", msgSuggested: "自动建议", msgSkipSponsor: "跳过赞助",
		msgAlwaysSkip: "总是跳过赞助段落", msgKeyChapter: "上一章或下一章", msgChapterLink: "链接",
		msgSmaller: "缩小文字", msgLarger: "放大文字", msgSpacing: "行距", msgComfort: "文字大小与行距", msgFullPage: "完整页面",
		msgShare: "分享…", msgCard: "引文卡片", msgDownload: "下载图片",
		msgScript: "中文字体", msgAsWritten: "原文",
		msgSkipped: "已跳过赞助段落，到 %s",
		msgWas:     "已更正，逐字稿原作：%s", msgNames: "人名与名词", msgMentions: "所有提到“%s”的地方",
		msgNameCount: "%d 次，分布在 %d 集", msgAlso: "也写作：",
	},
}

// PickLang chooses the interface language from the browser's preferred languages (navigator.languages).
func PickLang(prefs []string) string {
	for _, p := range prefs {
		p = strings.ToLower(p)
		switch {
		case strings.HasPrefix(p, "zh-hant"), strings.HasPrefix(p, "zh-tw"), strings.HasPrefix(p, "zh-hk"), strings.HasPrefix(p, "zh-mo"):
			return "zh-Hant"
		case strings.HasPrefix(p, "zh"):
			return "zh-Hans"
		case strings.HasPrefix(p, "en"):
			return "en"
		}
	}
	return "en"
}

// Label gives the interface text natively made pages use: "names" (the library's list), "mentions"
// (a chip's link, with %s), "names-desc" (a name page's count, with two %d) and "names-also".
func Label(lang, key string) string {
	m := map[string]msg{"names": msgNames, "mentions": msgMentions, "names-desc": msgNameCount, "names-also": msgAlso}[key]
	return tr(lang, m)
}

func tr(lang string, m msg) string {
	if t, ok := messages[lang]; ok && t[m] != "" {
		return t[m]
	}
	return messages["en"][m]
}

// earlyPage is the interface text a page shows before the app is live, where web/early.js finds it: a
// selector, the attribute ("" for the text, "#text" for the element's last text node) and the message.
// The script reads it from web/i18n.json (EarlyText) to show a page in the reader's language when that is
// not the podcast's, before the interface is visible.
var earlyPage = []struct {
	sel, attr, prefix string
	m                 msg
}{
	{"#home", "", "← ", msgAllEpisodes}, {"#search", "placeholder", "", msgSearch}, {"#search", "aria-label", "", msgSearch},
	{".fuzzy", "#text", " ", msgSoundsLike}, {".fuzzy~.fuzzy", "#text", " ", msgSimilar}, {".open span", "", "", msgOpen},
	{".open", "title", "", msgOpenHint}, {"#now", "aria-label", "", msgBackToNow}, {"#now", "", "", msgBackToNow},
	{"#play", "aria-label", "", msgPlay}, {"#play", "title", "", msgPlay}, {"#back10", "aria-label", "", msgBack10},
	{"#fwd10", "aria-label", "", msgFwd10}, {"#scrub", "aria-label", "", msgSeek}, {"#speed", "aria-label", "", msgSpeed},
	{"#follow", "aria-label", "", msgFollow}, {"#terms", "aria-label", "", msgTerms}, {".skip", "", "", msgTranscript},
	{"#help-btn", "aria-label", "", msgHelp}, {"#help-btn", "title", "", msgHelp}, {"#results", "aria-label", "", msgResults},
	{"#archive-search", "placeholder", "", msgSearchAll}, {"#archive-search", "aria-label", "", msgSearchAll},
	{".shelf-title", "", "", msgEpisodes}, {"#comfort-btn", "aria-label", "", msgComfort},
	{"#comfort-btn", "title", "", msgComfort}, {"#full-page", "", "", msgFullPage},
}

// EarlyText is web/i18n.json: for each interface language, the page's text by selector and the strings
// the script itself says.
func EarlyText() map[string]any {
	out := map[string]any{}
	for lang := range messages {
		page := make([][3]string, len(earlyPage))
		for i, e := range earlyPage {
			text := e.prefix + tr(lang, e.m)
			if e.sel == "#now" && e.attr == "" {
				text += " ↓"
			}
			page[i] = [3]string{e.sel, e.attr, text}
		}
		out[lang] = map[string]any{"page": page, "strings": map[string]string{"loading": tr(lang, msgSearchLoading)}}
	}
	return out
}
