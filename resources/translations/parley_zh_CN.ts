<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutSection</name>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Version and where your files are.</source>
        <translation>版本号及文件存放位置。</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>A desktop chat client for local models (Ollama and others) and cloud APIs.</source>
        <translation>一款桌面聊天客户端，支持本地模型（Ollama 等）和云端 API。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Conversations and images</source>
        <translation>对话和图片</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Open the folder: {what}</source>
        <translation>打开文件夹：{what}</translation>
    </message>
</context>
<context>
    <name>AppServices</name>
    <message>
        <source>The chat history was damaged and has been moved to {path}; a new, empty history was started.</source>
        <translation>聊天记录已损坏，已移到 {path}；已新建一份空的聊天记录。</translation>
    </message>
    <message>
        <source>1 answer was cut short when Parley last closed.</source>
        <translation>上次关闭 Parley 时，有 1 个回答被中断。</translation>
    </message>
    <message>
        <source>{count} answers were cut short when Parley last closed.</source>
        <translation>上次关闭 Parley 时，有 {count} 个回答被中断。</translation>
    </message>
</context>
<context>
    <name>AppearanceBox</name>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Language and light or dark look.</source>
        <translation>语言以及浅色或深色外观。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Light or dark</source>
        <translation>浅色或深色</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Both apply at once, to every open page and message.</source>
        <translation>两者都会立即生效，作用于所有打开的页面和消息。</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>外观模式</translation>
    </message>
</context>
<context>
    <name>ApprovalCard</name>
    <message>
        <source>{server} wants to run {tool}</source>
        <translation>{server} 想要运行 {tool}</translation>
    </message>
    <message>
        <source>Arguments (you can edit them)</source>
        <translation>参数（可以编辑）</translation>
    </message>
    <message>
        <source>Arguments of the call, as JSON</source>
        <translation>调用的参数（JSON）</translation>
    </message>
    <message>
        <source>Reason for denying (optional, told to the model)</source>
        <translation>拒绝的理由（可选，会告诉模型）</translation>
    </message>
    <message>
        <source>Reason for denying</source>
        <translation>拒绝的理由</translation>
    </message>
    <message>
        <source>Run once</source>
        <translation>运行一次</translation>
    </message>
    <message>
        <source>Always allow this tool</source>
        <translation>始终允许此工具</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>This tool changed since you allowed it. Check what it does now:</source>
        <translation>此工具在你允许之后有了变化。请查看它现在做什么：</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Parameter {name}</source>
        <translation>参数 {name}</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>• {what}: was “{was}”, now “{now}”</source>
        <translation>• {what}：原为“{was}”，现为“{now}”</translation>
    </message>
    <message>
        <source>Not valid JSON: {error}</source>
        <translation>不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <source>The arguments must be a JSON object ({ … }).</source>
        <translation>参数必须是一个 JSON 对象（{ … }）。</translation>
    </message>
    <message>
        <source>Run this call once (Ctrl+Enter)</source>
        <translation>运行这次调用（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>AttachmentDraft</name>
    <message>
        <source>Dropped image</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <source>Only pictures on this computer can be attached. Save the image first, then attach the file.</source>
        <translation>只能附加本机上的图片。请先保存图片，再附加该文件。</translation>
    </message>
    <message>
        <source>Pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>A message can carry up to {n} images; “{name}” was not attached.</source>
        <translation>一条消息最多附带 {n} 张图片；“{name}”未附加。</translation>
    </message>
    <message>
        <source>“{name}” is attached already.</source>
        <translation>“{name}”已经附加。</translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>Notes about the attached images</source>
        <translation>关于所附图片的说明</translation>
    </message>
    <message>
        <source>Preparing
{name}…</source>
        <translation>正在准备
{name}…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <source>History and backups</source>
        <translation>历史记录与备份</translation>
    </message>
    <message>
        <source>Every conversation, with its pictures, in one file you can keep or move to another computer.</source>
        <translation>所有对话连同图片存成一个文件，可以留存，也可以带到另一台电脑。</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>上次备份</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复所选…</translation>
    </message>
    <message>
        <source>Back up every day</source>
        <translation>每天备份</translation>
    </message>
    <message>
        <source>Once a day while Parley runs. The last {count} daily backups are kept; backups you make yourself are never deleted.</source>
        <translation>Parley 运行时每天一次。保留最近 {count} 份每日备份；你手动做的备份永远不会被删除。</translation>
    </message>
    <message>
        <source>{{when}}  ·  {{kind}}  ·  1 conversation  ·  {{size}}</source>
        <translation>{{when}}  ·  {{kind}}  ·  1 个对话  ·  {{size}}</translation>
    </message>
    <message>
        <source>{{when}}  ·  {{kind}}  ·  {count} conversations  ·  {{size}}</source>
        <translation>{{when}}  ·  {{kind}}  ·  {count} 个对话  ·  {{size}}</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>备份进度</translation>
    </message>
    <message>
        <source>Kept backups</source>
        <translation>保留的备份</translation>
    </message>
    <message>
        <source>{when} · {size}</source>
        <translation>{when} · {size}</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>还没有</translation>
    </message>
    <message>
        <source>Next one around {when}.</source>
        <translation>下一次约在 {when}。</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Kept backups ({count})</source>
        <translation>保留的备份（{count}）</translation>
    </message>
    <message>
        <source>made by you</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>No backups in this folder yet.</source>
        <translation>这个文件夹里还没有备份。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Parley backups (*{suffix})</source>
        <translation>Parley 备份 (*{suffix})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Folder for backups</source>
        <translation>备份文件夹</translation>
    </message>
</context>
<context>
    <name>BlockDocumentView</name>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Save code</source>
        <translation>保存代码</translation>
    </message>
    <message>
        <source>The code could not be saved: {}</source>
        <translation>无法保存代码：{}</translation>
    </message>
    <message>
        <source>This formula could not be drawn</source>
        <translation>无法绘制此公式</translation>
    </message>
    <message>
        <source>Scroll sideways</source>
        <translation>左右滚动</translation>
    </message>
</context>
<context>
    <name>BlockPage</name>
    <message>
        <source>Message text</source>
        <translation>消息内容</translation>
    </message>
</context>
<context>
    <name>Capability</name>
    <message>
        <source>chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <source>tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>嵌入</translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Chat notice</source>
        <translation>聊天提示</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <source>Attach images or documents</source>
        <translation>附加图片或文档</translation>
    </message>
    <message>
        <source>Attach images, or documents to ask about: PDF, Word, text, Markdown, HTML, code (or drop them on the chat, or paste them)</source>
        <translation>附加图片，或要提问的文档：PDF、Word、文本、Markdown、HTML、代码（也可拖到聊天区或直接粘贴）</translation>
    </message>
    <message>
        <source>Images and documents (*.png *.jpg *.jpeg *.webp *.gif *.bmp {docs})</source>
        <translation>图片和文档 (*.png *.jpg *.jpeg *.webp *.gif *.bmp {docs})</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>Stop the answer (Esc)</source>
        <translation>停止回答（Esc）</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>发送消息（回车）</translation>
    </message>
    <message>
        <source>Where the next answer comes from</source>
        <translation>下一条回答的来源</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Whether, and how hard, the model thinks first</source>
        <translation>模型是否先思考，以及思考的深度</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Show this conversation&apos;s settings</source>
        <translation>显示此对话的设置</translation>
    </message>
    <message>
        <source>Export this conversation</source>
        <translation>导出此对话</translation>
    </message>
    <message>
        <source>As Markdown…</source>
        <translation>导出为 Markdown…</translation>
    </message>
    <message>
        <source>As JSON (can be imported)…</source>
        <translation>导出为 JSON（可再导入）…</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>开始新对话</translation>
    </message>
    <message>
        <source>the local Ollama is turned off in Settings</source>
        <translation>本机 Ollama 已在设置中关闭</translation>
    </message>
    <message>
        <source>its provider is no longer set up in Settings</source>
        <translation>它的服务商已不在设置中</translation>
    </message>
    <message>
        <source>{name} is turned off in Settings</source>
        <translation>{name} 已在设置中关闭</translation>
    </message>
    <message>
        <source>{name} is not available</source>
        <translation>{name} 不可用</translation>
    </message>
    <message>
        <source>⚠ unavailable</source>
        <translation>⚠ 不可用</translation>
    </message>
    <message>
        <source>switched from {model}</source>
        <translation>由 {model} 切换而来</translation>
    </message>
    <message>
        <source>Earlier answers came from {earlier}; the next one comes from {model}, with the history converted for it.</source>
        <translation>之前的回答来自 {earlier}；下一条将来自 {model}，聊天记录已为其转换。</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>云端</translation>
    </message>
    <message>
        <source>Answers come from {name}</source>
        <translation>回答来自 {name}</translation>
    </message>
    <message>
        <source>This conversation continues with {model}, but {reason}. Its history stays here; choose another model above to continue.</source>
        <translation>此对话使用 {model}，但{reason}。聊天记录仍保留在这里；请在上方选择其他模型继续。</translation>
    </message>
    <message>
        <source>Think: low</source>
        <translation>思考：低</translation>
    </message>
    <message>
        <source>Think: medium</source>
        <translation>思考：中</translation>
    </message>
    <message>
        <source>Think: high</source>
        <translation>思考：高</translation>
    </message>
    <message>
        <source>Thinking on</source>
        <translation>开启思考</translation>
    </message>
    <message>
        <source>Thinking off</source>
        <translation>关闭思考</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Choose a model first: none is selected.</source>
        <translation>请先选择模型：当前未选择任何模型。</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif *.bmp)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Wait a moment: the images are still being prepared.</source>
        <translation>请稍候：图片还在准备中。</translation>
    </message>
    <message>
        <source>{model} cannot see images, so Send waits: remove the images, or switch to a model that can:</source>
        <translation>{model} 无法识别图片，因此暂不发送：请移除图片，或换用能识别图片的模型：</translation>
    </message>
    <message>
        <source>{model} cannot see images, and none of your models can. Pull one that can (such as llava or qwen2.5vl) in the Models tab, or remove the images.</source>
        <translation>{model} 无法识别图片，你的模型也都不能。请在“模型”页下载一个能识别图片的模型（如 llava 或 qwen2.5vl），或移除图片。</translation>
    </message>
    <message>
        <source>{model} cannot see images: remove them or choose a model that can</source>
        <translation>{model} 无法识别图片：请移除图片，或选择能识别图片的模型</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON</source>
        <translation>将此对话保存为 Markdown 或 JSON</translation>
    </message>
    <message>
        <source>Export the conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Could not export to {path}: {error}</source>
        <translation>无法导出到 {path}：{error}</translation>
    </message>
</context>
<context>
    <name>ChatSettingsPanel</name>
    <message>
        <source>Optional: how the model should behave in this conversation</source>
        <translation>可选：模型在此对话中应如何表现</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Higher is more varied, lower more focused</source>
        <translation>越高越多样，越低越专注</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Context window in tokens</source>
        <translation>上下文窗口（token 数）</translation>
    </message>
    <message>
        <source>Tokens the model can see at once. Auto: the model&apos;s own window, at most {n}. Always sent to Ollama, so nothing is cut silently.</source>
        <translation>模型一次能看到的 token 数。自动：使用模型自身的窗口，最多 {n}。始终发送给 Ollama，不会悄悄截断内容。</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Maximum answer length in tokens</source>
        <translation>回答的最大长度（token 数）</translation>
    </message>
    <message>
        <source>Temperature · Top P</source>
        <translation>温度 · Top P</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>上下文窗口</translation>
    </message>
    <message>
        <source>Seed · Max tokens</source>
        <translation>种子 · 最大 token 数</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>文档集</translation>
    </message>
</context>
<context>
    <name>CollectionsChooser</name>
    <message>
        <source>Document collections this conversation draws on</source>
        <translation>本对话引用的文档集</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{count} collections</source>
        <translation>{count} 个文档集</translation>
    </message>
    <message>
        <source>No collections yet</source>
        <translation>还没有文档集</translation>
    </message>
    <message>
        <source>Manage collections…</source>
        <translation>管理文档集…</translation>
    </message>
</context>
<context>
    <name>ComposerEdit</name>
    <message>
        <source>Message the model — Enter to send, Shift+Enter for a new line</source>
        <translation>给模型发消息 — 回车发送，Shift+回车换行</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>ContextMeter</name>
    <message>
        <source>Context window used</source>
        <translation>已用上下文窗口</translation>
    </message>
    <message>
        <source>{approx}{used} / {window}</source>
        <translation>{approx}{used} / {window}</translation>
    </message>
    <message>
        <source>{approx}{used} tokens</source>
        <translation>{approx}{used} token</translation>
    </message>
    <message>
        <source>{used} tokens so far. This model&apos;s context window is unknown, so how much of it is used cannot be shown.</source>
        <translation>目前已用 {used} token。此模型的上下文窗口大小未知，因此无法显示已用比例。</translation>
    </message>
    <message>
        <source>The tools on in this chat take about {tokens} tokens ({share:.0%} of the window) in every request.</source>
        <translation>此对话启用的工具在每次请求中约占 {tokens} 个 token（上下文窗口的 {share:.0%}）。</translation>
    </message>
    <message>
        <source>Turn off servers or tools this chat does not need (chat settings, Tools).</source>
        <translation>关闭此对话用不到的服务器或工具（对话设置 → 工具）。</translation>
    </message>
    <message>
        <source>This chat&apos;s documents go whole with each question: about {tokens} tokens.</source>
        <translation>此对话的文档会随每个问题完整发送：约 {tokens} 个 token。</translation>
    </message>
    <message>
        <source>This chat&apos;s documents are too long to send whole: each question takes up to about {tokens} tokens of the passages that match it.</source>
        <translation>此对话的文档太长，无法完整发送：每个问题最多带上约 {tokens} 个 token 的相关段落。</translation>
    </message>
    <message>
        <source>The conversation no longer fits the context window: the model will not see its beginning. Raise the context window in the settings or start a new chat.</source>
        <translation>对话已超出上下文窗口：模型将看不到开头部分。请在设置中调大上下文窗口，或开始新对话。</translation>
    </message>
    <message>
        <source>The context window is almost full; soon the model will not see the start of this conversation.</source>
        <translation>上下文窗口快满了；模型很快将看不到此对话的开头。</translation>
    </message>
    <message>
        <source>{used} of {window} tokens of the context window</source>
        <translation>上下文窗口已用 {used} / {window} token</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Your conversations will be listed here.</source>
        <translation>你的对话会列在这里。</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>过去 7 天</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>Folder {{name}}, 1 conversation</source>
        <translation>文件夹 {{name}}，1 个对话</translation>
    </message>
    <message>
        <source>Folder {{name}}, {count} conversations</source>
        <translation>文件夹 {{name}}，{count} 个对话</translation>
    </message>
    <message>
        <source>{{name}} · 1 conversation</source>
        <translation>{{name}} · 1 个对话</translation>
    </message>
    <message>
        <source>{{name}} · {count} conversations</source>
        <translation>{{name}} · {count} 个对话</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Bring the deleted conversation back</source>
        <translation>恢复已删除的对话</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Hide the sidebar</source>
        <translation>隐藏侧边栏</translation>
    </message>
    <message>
        <source>Hide the sidebar (Ctrl+B)</source>
        <translation>隐藏侧边栏（Ctrl+B）</translation>
    </message>
    <message>
        <source>Search chats and messages</source>
        <translation>搜索对话和消息</translation>
    </message>
    <message>
        <source>Show or hide the sidebar</source>
        <translation>显示或隐藏侧边栏</translation>
    </message>
    <message>
        <source>Show the sidebar</source>
        <translation>显示侧边栏</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <source>Show the sidebar (Ctrl+B)</source>
        <translation>显示侧边栏（Ctrl+B）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search chats and messages (Ctrl+F)</source>
        <translation>搜索对话和消息（Ctrl+F）</translation>
    </message>
    <message>
        <source>Import conversations…</source>
        <translation>导入对话…</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Import conversations from ChatGPT, Claude, DeepSeek, Open WebUI or Parley</source>
        <translation>从 ChatGPT、Claude、DeepSeek、Open WebUI 或 Parley 导入对话</translation>
    </message>
    <message>
        <source>Deleted “{title}”.</source>
        <translation>已删除“{title}”。</translation>
    </message>
    <message>
        <source>Exports of ChatGPT, Claude, DeepSeek, Open WebUI, Chatbox, Cherry Studio or Parley (*.zip *.json)</source>
        <translation>ChatGPT、Claude、DeepSeek、Open WebUI、Chatbox、Cherry Studio 或 Parley 的导出文件 (*.zip *.json)</translation>
    </message>
    <message>
        <source>Could not read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <source>Could not import {path}: {problem}</source>
        <translation>无法导入 {path}：{problem}</translation>
    </message>
</context>
<context>
    <name>DefaultModelSection</name>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>New conversations start with this model; you can switch in any chat.</source>
        <translation>新对话默认使用此模型；在任何对话中都可以切换。</translation>
    </message>
    <message>
        <source>Provider of the default model</source>
        <translation>默认模型的服务商</translation>
    </message>
    <message>
        <source>Use as default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Now: {model} ({provider})</source>
        <translation>当前：{model}（{provider}）</translation>
    </message>
    <message>
        <source>Now: the last model you used.</source>
        <translation>当前：你上次使用的模型。</translation>
    </message>
</context>
<context>
    <name>DiscoverDetail</name>
    <message>
        <source>Choose a model on the left</source>
        <translation>在左侧选择一个模型</translation>
    </message>
    <message>
        <source>Reading the repository&apos;s files…</source>
        <translation>正在读取仓库的文件…</translation>
    </message>
    <message>
        <source>This repository is gated: accept its licence on huggingface.co, signed in, and add Ollama&apos;s public key to your Hugging Face account; until then Ollama cannot download it.</source>
        <translation>这个仓库需要授权：请登录 huggingface.co 接受它的许可协议，并把 Ollama 的公钥添加到你的 Hugging Face 账户；在此之前 Ollama 无法下载它。</translation>
    </message>
    <message>
        <source>Open its page</source>
        <translation>打开它的页面</translation>
    </message>
    <message>
        <source>This repository has no GGUF files Ollama can run.</source>
        <translation>这个仓库没有 Ollama 能运行的 GGUF 文件。</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>在这台电脑上</translation>
    </message>
    <message>
        <source>{quant} ({n} files)</source>
        <translation>{quant}（{n} 个文件）</translation>
    </message>
    <message>
        <source>Memory is estimated for a {n}-token context from the file size; Ollama downloads the file named by the quantization.</source>
        <translation>内存按 {n} 个 token 的上下文、根据文件大小估算；Ollama 会下载以该量化命名的文件。</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Memory is estimated for a {n}-token context from the download size; without a tag Ollama pulls {name}.</source>
        <translation>内存按 {n} 个 token 的上下文、根据下载大小估算；不带标签时 Ollama 下载 {name}。</translation>
    </message>
    <message>
        <source>Fits in GPU memory</source>
        <translation>可放入显存</translation>
    </message>
    <message>
        <source>Fits in RAM</source>
        <translation>可放入内存</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>太大</translation>
    </message>
    <message>
        <source>Needs about {need}.</source>
        <translation>约需 {need}。</translation>
    </message>
    <message>
        <source>This computer has {ram} of RAM</source>
        <translation>这台电脑有 {ram} 内存</translation>
    </message>
    <message>
        <source> and {vram} of GPU memory.</source>
        <translation>，以及 {vram} 显存。</translation>
    </message>
    <message>
        <source>Pull {choice}</source>
        <translation>下载 {choice}</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download {name} with Ollama</source>
        <translation>用 Ollama 下载 {name}</translation>
    </message>
</context>
<context>
    <name>DiscoverPage</name>
    <message>
        <source>Most downloaded</source>
        <translation>下载最多</translation>
    </message>
    <message>
        <source>Most liked</source>
        <translation>点赞最多</translation>
    </message>
    <message>
        <source>Recently updated</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <source>Trending</source>
        <translation>热门</translation>
    </message>
    <message>
        <source>Order of the Hugging Face results</source>
        <translation>Hugging Face 结果的排序</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Ollama library</source>
        <translation>Ollama 模型库</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Search GGUF models on Hugging Face</source>
        <translation>在 Hugging Face 上搜索 GGUF 模型</translation>
    </message>
    <message>
        <source>Filter Ollama&apos;s library</source>
        <translation>筛选 Ollama 模型库</translation>
    </message>
    <message>
        <source>Searching Hugging Face…</source>
        <translation>正在搜索 Hugging Face…</translation>
    </message>
    <message>
        <source>1 GGUF repository</source>
        <translation>1 个 GGUF 仓库</translation>
    </message>
    <message>
        <source>{n} GGUF repositories</source>
        <translation>{n} 个 GGUF 仓库</translation>
    </message>
    <message>
        <source>No GGUF repositories match “{text}”.</source>
        <translation>没有与“{text}”匹配的 GGUF 仓库。</translation>
    </message>
    <message>
        <source>Hugging Face lists no GGUF repositories.</source>
        <translation>Hugging Face 没有列出 GGUF 仓库。</translation>
    </message>
    <message>
        <source>Checking the sizes with Ollama&apos;s registry…</source>
        <translation>正在向 Ollama 的仓库核对大小…</translation>
    </message>
    <message>
        <source>Sizes checked with Ollama&apos;s registry.</source>
        <translation>大小已向 Ollama 的仓库核对。</translation>
    </message>
    <message>
        <source>Ollama&apos;s registry cannot be reached: sizes as shipped with Parley ({date}).</source>
        <translation>无法连接 Ollama 的仓库：显示 Parley 自带的大小（{date}）。</translation>
    </message>
    <message>
        <source>Popular models of Ollama&apos;s library as of {date}, shipped with Parley (Ollama offers no list to refresh it from); sizes are checked with its registry when a model is opened.</source>
        <translation>Ollama 模型库中的热门模型，截至 {date}，随 Parley 提供（Ollama 没有可供刷新的列表）；打开模型时会向其仓库核对大小。</translation>
    </message>
    <message>
        <source>Hugging Face cannot be reached at {host}: check the network connection. Ollama&apos;s library below is the list shipped with Parley.</source>
        <translation>无法连接 {host} 上的 Hugging Face：请检查网络连接。下面的 Ollama 模型库是 Parley 自带的列表。</translation>
    </message>
    <message>
        <source>Hugging Face is limiting searches from this address: try again in {n} s.</source>
        <translation>Hugging Face 正在限制来自这个地址的搜索：请在 {n} 秒后重试。</translation>
    </message>
    <message>
        <source>Hugging Face is limiting searches from this address: try again soon.</source>
        <translation>Hugging Face 正在限制来自这个地址的搜索：请稍后重试。</translation>
    </message>
    <message>
        <source>Hugging Face answered with an error ({status}): try again later.</source>
        <translation>Hugging Face 返回了错误（{status}）：请稍后重试。</translation>
    </message>
    <message>
        <source>This repository does not exist any more, or it is private.</source>
        <translation>这个仓库已不存在，或者是私有的。</translation>
    </message>
    <message>
        <source>Hugging Face answered in a way Parley does not understand: {detail}</source>
        <translation>Hugging Face 的回复 Parley 无法理解：{detail}</translation>
    </message>
</context>
<context>
    <name>DiscoverResults</name>
    <message>
        <source>Gated: its licence must be accepted on huggingface.co</source>
        <translation>需授权：必须先在 huggingface.co 上接受它的许可协议</translation>
    </message>
</context>
<context>
    <name>DiscoverSection</name>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>Find models on Hugging Face and in Ollama&apos;s library</source>
        <translation>在 Hugging Face 和 Ollama 模型库中查找模型</translation>
    </message>
</context>
<context>
    <name>DocumentChip</name>
    <message>
        <source>reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <source>indexing {percent} %</source>
        <translation>索引中 {percent}%</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>paused at {percent} %</source>
        <translation>已暂停于 {percent}%</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>{pages} pages · {state}</source>
        <translation>{pages} 页 · {state}</translation>
    </message>
    <message>
        <source>Remove {name} from this chat</source>
        <translation>从本对话移除 {name}</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>移除文档</translation>
    </message>
</context>
<context>
    <name>DocumentChips</name>
    <message>
        <source>Open Settings → Documents</source>
        <translation>打开 设置 → 文档</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>DocumentRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>DocumentsButton</name>
    <message>
        <source>Documents · {n}</source>
        <translation>文档 · {n}</translation>
    </message>
    <message>
        <source>The documents this chat&apos;s answers draw on</source>
        <translation>本对话的回答所引用的文档</translation>
    </message>
</context>
<context>
    <name>DocumentsSection</name>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Files you add to a chat, a folder or a collection are split into passages and embedded, so a question finds the passages that answer it.</source>
        <translation>添加到对话、文件夹或文档集的文件会被切分成段落并生成向量，提问时便能找到回答问题的段落。</translation>
    </message>
    <message>
        <source>Embedding model</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <source>Stored documents</source>
        <translation>已存储的文档</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Open the document library…</source>
        <translation>打开文档库…</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 个文档</translation>
    </message>
    <message>
        <source>{count} documents</source>
        <translation>{count} 个文档</translation>
    </message>
    <message>
        <source>1 passage</source>
        <translation>1 个段落</translation>
    </message>
    <message>
        <source>{count} passages</source>
        <translation>{count} 个段落</translation>
    </message>
    <message>
        <source>{size} on disk</source>
        <translation>占用磁盘 {size}</translation>
    </message>
    <message>
        <source>Embedded with {models}</source>
        <translation>嵌入模型：{models}</translation>
    </message>
    <message>
        <source>1 passage is not embedded yet.</source>
        <translation>有 1 个段落尚未生成向量。</translation>
    </message>
    <message>
        <source>{count} passages are not embedded yet.</source>
        <translation>有 {count} 个段落尚未生成向量。</translation>
    </message>
    <message>
        <source>Timing {model} on a few passages…</source>
        <translation>正在用几个段落测试 {model} 的速度…</translation>
    </message>
    <message>
        <source>Embedding again: {done} of {total} passages, document {document} of {all}</source>
        <translation>重新生成向量：第 {done}/{total} 个段落，第 {document}/{all} 个文档</translation>
    </message>
    <message>
        <source>Stopped. Documents not embedded again yet are found by their words only until you continue.</source>
        <translation>已停止。尚未重新生成向量的文档，在你继续之前只能按关键词查找。</translation>
    </message>
    <message>
        <source>Downloading {name}: see the Models page. Come back here when it is done.</source>
        <translation>正在下载 {name}：进度见“模型”页面。完成后再回到这里。</translation>
    </message>
</context>
<context>
    <name>DocumentsWindow</name>
    <message>
        <source>Documents in this chat</source>
        <translation>本对话的文档</translation>
    </message>
    <message>
        <source>Embedding model: {model}</source>
        <translation>嵌入模型：{model}</translation>
    </message>
</context>
<context>
    <name>Download</name>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Pulling manifest</source>
        <translation>正在获取清单</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Removing unused layers</source>
        <translation>正在移除未使用的层</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Trying again in {seconds} s (attempt {attempt})</source>
        <translation>{seconds} 秒后重试（第 {attempt} 次）</translation>
    </message>
    <message>
        <source>Verifying sha256 digest</source>
        <translation>正在校验 sha256 摘要</translation>
    </message>
    <message>
        <source>Writing manifest</source>
        <translation>正在写入清单</translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{size}/s</source>
        <translation>{size}/秒</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
</context>
<context>
    <name>DownloadList</name>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>No downloads. Type a model name above and press Pull.</source>
        <translation>没有下载任务。在上方输入模型名称，然后点“下载”。</translation>
    </message>
    <message>
        <source>{n} downloading</source>
        <translation>{n} 个正在下载</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 个等待中</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} 个失败</translation>
    </message>
    <message>
        <source>{n} cancelled</source>
        <translation>{n} 个已取消</translation>
    </message>
    <message>
        <source>{n} done</source>
        <translation>{n} 个已完成</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>Progress of {name}</source>
        <translation>{name} 的进度</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the download of {name}</source>
        <translation>取消下载 {name}</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Retry the download of {name}</source>
        <translation>重新下载 {name}</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear this card from the list. The model is not deleted.</source>
        <translation>从列表中清除此卡片。模型不会被删除。</translation>
    </message>
    <message>
        <source>Clear the card of {name} from the downloads</source>
        <translation>从下载列表中清除 {name} 的卡片</translation>
    </message>
    <message>
        <source>The model is not deleted.</source>
        <translation>模型不会被删除。</translation>
    </message>
    <message>
        <source>the downloaded part is kept; Retry resumes it</source>
        <translation>已下载的部分会保留；点“重试”可继续</translation>
    </message>
    <message>
        <source>{message}
Ollama said: {detail}</source>
        <translation>{message}
Ollama 返回：{detail}</translation>
    </message>
</context>
<context>
    <name>EmbeddingBox</name>
    <message>
        <source>Provider of the embedding model</source>
        <translation>嵌入模型的提供方</translation>
    </message>
    <message>
        <source>Embedding model</source>
        <translation>嵌入模型</translation>
    </message>
    <message>
        <source>for example {name}</source>
        <translation>例如 {name}</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>No embedding model is pulled in Ollama. {name} is a good first one.</source>
        <translation>Ollama 中还没有嵌入模型。{name} 是不错的第一个选择。</translation>
    </message>
    <message>
        <source>Pull {name}</source>
        <translation>拉取 {name}</translation>
    </message>
    <message>
        <source>{service} is not on this computer: chunks of your documents, and your questions, will be sent to {service} to be embedded.</source>
        <translation>{service} 不在这台电脑上：你的文档片段和提问会发送到 {service} 生成向量。</translation>
    </message>
    <message>
        <source>Allow sending documents to {service}</source>
        <translation>允许将文档发送到 {service}</translation>
    </message>
    <message>
        <source>Embed one word with this model and show the result</source>
        <translation>用此模型为一个词生成向量并显示结果</translation>
    </message>
    <message>
        <source>Allow sending documents to {service} first</source>
        <translation>请先允许将文档发送到 {service}</translation>
    </message>
    <message>
        <source>Now: {model}</source>
        <translation>当前：{model}</translation>
    </message>
    <message>
        <source>Now: no embedding model chosen; documents cannot be searched yet.</source>
        <translation>当前：未选择嵌入模型，文档还无法检索。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>Works: {model} gives vectors of {size} dimensions.</source>
        <translation>可用：{model} 生成 {size} 维向量。</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Start a conversation</source>
        <translation>开始对话</translation>
    </message>
    <message>
        <source>Sees images</source>
        <translation>能识别图片</translation>
    </message>
    <message>
        <source>Uses tools</source>
        <translation>能使用工具</translation>
    </message>
    <message>
        <source>Thinks first</source>
        <translation>先思考再回答</translation>
    </message>
    <message>
        <source>Explain a concept</source>
        <translation>解释概念</translation>
    </message>
    <message>
        <source>Explain how a hash table works, simply, with a small example.</source>
        <translation>用简单的语言解释哈希表的工作原理，并举一个小例子。</translation>
    </message>
    <message>
        <source>Draft an email</source>
        <translation>起草邮件</translation>
    </message>
    <message>
        <source>Help me write a short, friendly email asking to move a meeting.</source>
        <translation>帮我写一封简短友好的邮件，请求调整会议时间。</translation>
    </message>
    <message>
        <source>Review code</source>
        <translation>审查代码</translation>
    </message>
    <message>
        <source>Review this code and suggest improvements:

</source>
        <translation>请审查这段代码并提出改进建议：

</translation>
    </message>
    <message>
        <source>Summarize a text</source>
        <translation>总结文本</translation>
    </message>
    <message>
        <source>Summarize the key points of this text in five bullets:

</source>
        <translation>用五个要点总结这段文字的重点：

</translation>
    </message>
    <message>
        <source>Puts this prompt in the message box</source>
        <translation>将此提示填入消息框</translation>
    </message>
    <message>
        <source>Your message goes to {model}.</source>
        <translation>你的消息将发送给 {model}。</translation>
    </message>
    <message>
        <source>Choose a model below to start.</source>
        <translation>请在下方选择模型开始。</translation>
    </message>
</context>
<context>
    <name>FailureText</name>
    <message>
        <source>Bad API key</source>
        <translation>API 密钥无效</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>Connection broke</source>
        <translation>连接中断</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Invalid URL</source>
        <translation>网址无效</translation>
    </message>
    <message>
        <source>Key not checked</source>
        <translation>密钥未校验</translation>
    </message>
    <message>
        <source>Key not sent</source>
        <translation>密钥未发送</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>Not the expected service</source>
        <translation>不是预期的服务</translation>
    </message>
    <message>
        <source>Proxy failure</source>
        <translation>代理出错</translation>
    </message>
    <message>
        <source>Quota used up</source>
        <translation>额度已用完</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>请求受限</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>请求被拒绝</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>服务器出错</translation>
    </message>
    <message>
        <source>TLS failure</source>
        <translation>TLS 出错</translation>
    </message>
    <message>
        <source>The connection goes through the proxy {proxy}: check that it is running, or choose System proxy or No proxy.</source>
        <translation>连接经过代理 {proxy}：请确认它在运行，或选择“系统代理”或“不使用代理”。</translation>
    </message>
    <message>
        <source>Unknown host</source>
        <translation>未知主机</translation>
    </message>
    <message>
        <source>Wrong URL</source>
        <translation>网址错误</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome to Parley</source>
        <translation>欢迎使用 Parley</translation>
    </message>
    <message>
        <source>Parley chats with models that run on this computer through Ollama, or with cloud models through their APIs. Nothing is set up yet; pick one to begin.</source>
        <translation>Parley 可以通过 Ollama 与本机运行的模型聊天，也可以通过 API 与云端模型聊天。目前还没有任何设置；选一种方式开始吧。</translation>
    </message>
    <message>
        <source>Ollama on this computer</source>
        <translation>本机上的 Ollama</translation>
    </message>
    <message>
        <source>Start Ollama</source>
        <translation>启动 Ollama</translation>
    </message>
    <message>
        <source>Start Ollama now</source>
        <translation>立即启动 Ollama</translation>
    </message>
    <message>
        <source>Runs “ollama serve” in the background; it keeps running after Parley closes.</source>
        <translation>在后台运行“ollama serve”；Parley 关闭后它仍会继续运行。</translation>
    </message>
    <message>
        <source>Download a model…</source>
        <translation>下载模型…</translation>
    </message>
    <message>
        <source>Open the model manager to download a model</source>
        <translation>打开模型管理以下载模型</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>再次检查</translation>
    </message>
    <message>
        <source>Look for Ollama again</source>
        <translation>重新查找 Ollama</translation>
    </message>
    <message>
        <source>Or connect another server: LM Studio, llama.cpp, vLLM or LiteLLM on this computer or your network, or a cloud model (OpenAI, Anthropic, DeepSeek, Qwen, Gemini and many more) with an API key from the provider.</source>
        <translation>或者连接其他服务器：本机或局域网中的 LM Studio、llama.cpp、vLLM 或 LiteLLM；也可以用服务商提供的 API 密钥连接云端模型（OpenAI、Anthropic、DeepSeek、Qwen、Gemini 等众多模型）。</translation>
    </message>
    <message>
        <source>Add a server or cloud provider…</source>
        <translation>添加服务器或云服务商…</translation>
    </message>
    <message>
        <source>Open Settings to add a local server or a cloud provider</source>
        <translation>打开设置，添加本地服务器或云服务商</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Hide this welcome</source>
        <translation>隐藏此欢迎页</translation>
    </message>
    <message>
        <source>Ollama is running at {host}, but no models are installed yet. Download one in the model manager; small ones such as qwen3:4b or llama3.2 are a good start.</source>
        <translation>Ollama 正在 {host} 运行，但还没有安装模型。请在模型管理中下载一个；qwen3:4b 或 llama3.2 这样的小模型很适合入门。</translation>
    </message>
    <message>
        <source>Starting Ollama… Parley connects as soon as it answers.</source>
        <translation>正在启动 Ollama… 它一响应，Parley 就会连接。</translation>
    </message>
    <message>
        <source>Ollama is installed ({path}) but not running at {host}. Parley can start it for you.</source>
        <translation>Ollama 已安装（{path}），但没有在 {host} 运行。Parley 可以帮你启动它。</translation>
    </message>
    <message>
        <source>Ollama was not found on this computer. Install it from &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt;, start it, then press Check again.</source>
        <translation>本机上没有找到 Ollama。请从 &lt;a href=&quot;{url}&quot;&gt;{url}&lt;/a&gt; 安装并启动它，然后点“再次检查”。</translation>
    </message>
    <message>
        <source>Ollama could not be started ({path}). Start it from a terminal with “ollama serve”.</source>
        <translation>无法启动 Ollama（{path}）。请在终端中运行“ollama serve”来启动它。</translation>
    </message>
</context>
<context>
    <name>FitSection</name>
    <message>
        <source>{n} tokens</source>
        <translation>{n} 个 token</translation>
    </message>
    <message>
        <source>Ollama measured</source>
        <translation>Ollama 实测</translation>
    </message>
    <message>
        <source>{size} at {context} ({percent:.0f}% on the GPU)</source>
        <translation>{size}，上下文 {context}（{percent:.0f}% 在 GPU 上）</translation>
    </message>
    <message>
        <source>Parley estimated</source>
        <translation>Parley 估算</translation>
    </message>
    <message>
        <source>{size} ({difference:+.0%})</source>
        <translation>{size}({difference:+.0%})</translation>
    </message>
    <message>
        <source>Next estimate</source>
        <translation>下次估算</translation>
    </message>
    <message>
        <source>Largest context that fits</source>
        <translation>能放下的最大上下文</translation>
    </message>
    <message>
        <source>{n}, keeping the model wholly on the GPU ({size})</source>
        <translation>{n}，模型可完全留在 GPU 上（{size}）</translation>
    </message>
    <message>
        <source>{n}: the model&apos;s whole window fits in free memory ({size})</source>
        <translation>{n}：模型的整个上下文窗口都能放入空闲内存（{size}）</translation>
    </message>
    <message>
        <source>{n} in free memory ({size})</source>
        <translation>空闲内存中可用 {n}({size})</translation>
    </message>
    <message>
        <source>none keeps the model wholly on the GPU ({size})</source>
        <translation>没有哪个上下文能让模型完全留在 GPU 上（{size}）</translation>
    </message>
    <message>
        <source>less than {n} in free memory ({size}): close other programs first</source>
        <translation>空闲内存中不足 {n}({size})：请先关闭其他程序</translation>
    </message>
    <message>
        <source>unknown (this computer does not say how much memory is free)</source>
        <translation>未知（这台电脑没有报告空闲内存）</translation>
    </message>
    <message>
        <source>Once the model is loaded, Parley compares this with what Ollama measures.</source>
        <translation>模型加载后，Parley 会把这个估算与 Ollama 的实测对比。</translation>
    </message>
    <message>
        <source>{size}, measured (×{ratio:.2f} from one load)</source>
        <translation>{size}，实测（按 1 次加载校正 ×{ratio:.2f}）</translation>
    </message>
    <message>
        <source>{size}, measured (×{ratio:.2f} from {n} loads)</source>
        <translation>{size}，实测（按 {n} 次加载校正 ×{ratio:.2f}）</translation>
    </message>
    <message>
        <source>Needs about {need} at {context}, measured: corrected ×{ratio:.2f} by one load of {model}.</source>
        <translation>在 {context} 时约需 {need}，为实测值：按 {model} 的 1 次加载校正 ×{ratio:.2f}。</translation>
    </message>
    <message>
        <source>Needs about {need} at {context}, measured: corrected ×{ratio:.2f} by {n} loads of {model}.</source>
        <translation>在 {context} 时约需 {need}，为实测值：按 {model} 的 {n} 次加载校正 ×{ratio:.2f}。</translation>
    </message>
    <message>
        <source>It fits this computer&apos;s {ram} comfortably.</source>
        <translation>在这台电脑的 {ram} 内存中绰绰有余。</translation>
    </message>
    <message>
        <source>It is tight in this computer&apos;s {ram}.</source>
        <translation>在这台电脑的 {ram} 内存中比较紧张。</translation>
    </message>
    <message>
        <source>It does not fit this computer&apos;s {ram}.</source>
        <translation>这台电脑的 {ram} 内存放不下。</translation>
    </message>
    <message>
        <source>Largest context that fits free memory now: {n}.</source>
        <translation>当前空闲内存能放下的最大上下文：{n}。</translation>
    </message>
    <message>
        <source>New chats use the usual settings.</source>
        <translation>新对话使用常规设置。</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>temperature {v}</source>
        <translation>温度 {v}</translation>
    </message>
    <message>
        <source>top P {v}</source>
        <translation>Top P {v}</translation>
    </message>
    <message>
        <source>context {v}</source>
        <translation>上下文 {v}</translation>
    </message>
    <message>
        <source>seed {v}</source>
        <translation>种子 {v}</translation>
    </message>
    <message>
        <source>at most {v} tokens</source>
        <translation>最多 {v} 个 token</translation>
    </message>
    <message>
        <source>thinking {v}</source>
        <translation>思考 {v}</translation>
    </message>
</context>
<context>
    <name>FolderSettingsDialog</name>
    <message>
        <source>Folder settings — {name}</source>
        <translation>文件夹设置 — {name}</translation>
    </message>
    <message>
        <source>A new chat in this folder starts with these. Its system prompt replaces the model&apos;s own default prompt.</source>
        <translation>在此文件夹中新建的对话将使用这些设置。这里的系统提示词会取代模型自己的默认提示词。</translation>
    </message>
    <message>
        <source>The model chosen in the app</source>
        <translation>应用中当前选择的模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Every chat in this folder can draw on these files. They are added at once and stay until you remove them or delete the folder.</source>
        <translation>此文件夹中的每个对话都可以引用这些文件。文件会立即加入，直到你移除它们或删除文件夹。</translation>
    </message>
    <message>
        <source>Instructions for every chat in this folder</source>
        <translation>对此文件夹中每个对话的指示</translation>
    </message>
    <message>
        <source>Chats in this folder may use tools</source>
        <translation>此文件夹中的对话可以使用工具</translation>
    </message>
</context>
<context>
    <name>GgufImport</name>
    <message>
        <source>Import GGUF…</source>
        <translation>导入 GGUF…</translation>
    </message>
    <message>
        <source>Make a model from a .gguf file on this computer</source>
        <translation>用这台电脑上的 .gguf 文件创建模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import a GGUF model</source>
        <translation>导入 GGUF 模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>An import is running; wait for it or cancel it.</source>
        <translation>正在导入；请等待它完成或将其取消。</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>正在导入 {file}</translation>
    </message>
    <message>
        <source>The import of {file} was cancelled.</source>
        <translation>已取消导入 {file}。</translation>
    </message>
    <message>
        <source>No model was added.</source>
        <translation>没有添加任何模型。</translation>
    </message>
    <message>
        <source>The uploaded copy stays in Ollama&apos;s storage until Ollama removes unused files (it does so when it starts).</source>
        <translation>上传的副本会留在 Ollama 的存储中，直到 Ollama 清理未使用的文件（它在启动时清理）。</translation>
    </message>
    <message>
        <source>{name} was imported from {file}.</source>
        <translation>已从 {file} 导入 {name}。</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Reading {done} of {total}</source>
        <translation>正在读取：{done} / {total}</translation>
    </message>
    <message>
        <source>Sending to Ollama: {done} of {total}</source>
        <translation>正在发送到 Ollama：{done} / {total}</translation>
    </message>
    <message>
        <source>Creating the model…</source>
        <translation>正在创建模型…</translation>
    </message>
</context>
<context>
    <name>GrowingBlockView</name>
    <message>
        <source>Text still arriving</source>
        <translation>文字仍在输出</translation>
    </message>
</context>
<context>
    <name>HistoryBackups</name>
    <message>
        <source>The backup was cancelled; no file was written.</source>
        <translation>备份已取消；没有写入任何文件。</translation>
    </message>
    <message>
        <source>Backed up to {file}.</source>
        <translation>已备份到 {file}。</translation>
    </message>
    <message>
        <source>The restore was cancelled; the history is as it was.</source>
        <translation>恢复已取消；历史记录保持原样。</translation>
    </message>
    <message>
        <source>Restored {file}. The history as it was is kept as {before}: restore it to undo.</source>
        <translation>已恢复 {file}。原来的历史记录保存为 {before}：恢复它即可撤销。</translation>
    </message>
</context>
<context>
    <name>ImageRow</name>
    <message>
        <source>(image {n} is missing)</source>
        <translation>（图片 {n} 丢失）</translation>
    </message>
    <message>
        <source>Image {n}: click to view it full size</source>
        <translation>图片 {n}：点击查看原图</translation>
    </message>
</context>
<context>
    <name>ImageSettingsBox</name>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Pictures you attach to a message.</source>
        <translation>附加到消息中的图片。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Longest edge of attached images</source>
        <translation>附加图片的最长边</translation>
    </message>
    <message>
        <source>Bigger pictures are scaled down before they are sent: models see no more detail than this, and smaller requests are faster and cheaper.</source>
        <translation>更大的图片会在发送前缩小：模型看不到比这更多的细节，而较小的请求更快也更省钱。</translation>
    </message>
    <message>
        <source>Longest edge</source>
        <translation>最长边</translation>
    </message>
</context>
<context>
    <name>ImageThumb</name>
    <message>
        <source>View the image full size</source>
        <translation>查看原图</translation>
    </message>
    <message>
        <source>Remove this image</source>
        <translation>移除此图片</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Attached image</source>
        <translation>附加的图片</translation>
    </message>
    <message>
        <source>This image could not be shown.</source>
        <translation>无法显示此图片。</translation>
    </message>
    <message>
        <source>{width} × {height} pixels, {kind}, {size} KB</source>
        <translation>{width} × {height} 像素，{kind}，{size} KB</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>{title} — Parley</source>
        <translation>{title} — Parley</translation>
    </message>
</context>
<context>
    <name>ImportConversationsDialog</name>
    <message>
        <source>Import conversations</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{app} backup</source>
        <translation>{app} 备份</translation>
    </message>
    <message>
        <source>{app} export</source>
        <translation>{app} 导出文件</translation>
    </message>
    <message>
        <source>Reading the export…</source>
        <translation>正在读取导出文件…</translation>
    </message>
    <message>
        <source>Nothing is written to your history yet.</source>
        <translation>尚未向你的历史记录写入任何内容。</translation>
    </message>
    <message>
        <source>Import these conversations?</source>
        <translation>导入这些对话吗？</translation>
    </message>
    <message>
        <source>Import 1 conversation</source>
        <translation>导入 1 个对话</translation>
    </message>
    <message>
        <source>Import {count} conversations</source>
        <translation>导入 {count} 个对话</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel takes back what was written: your history stays as it was.</source>
        <translation>取消会撤回已写入的内容：你的历史记录保持原样。</translation>
    </message>
    <message>
        <source>Imported 1 conversation</source>
        <translation>已导入 1 个对话</translation>
    </message>
    <message>
        <source>Imported {count} conversations</source>
        <translation>已导入 {count} 个对话</translation>
    </message>
    <message>
        <source>Nothing new to import</source>
        <translation>没有新的内容可导入</translation>
    </message>
    <message>
        <source>Could not import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Your history is unchanged.</source>
        <translation>你的历史记录没有改变。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>The export could not be read: {error}</source>
        <translation>无法读取导出文件：{error}</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was added.</source>
        <translation>导入已取消；没有添加任何内容。</translation>
    </message>
    <message>
        <source>The import failed: {error}</source>
        <translation>导入失败：{error}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Add 1 server</source>
        <translation>添加 1 个服务器</translation>
    </message>
    <message>
        <source>Add {count} servers</source>
        <translation>添加 {count} 个服务器</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Paste mcpServers JSON</source>
        <translation>粘贴 mcpServers JSON</translation>
    </message>
    <message>
        <source>Paste the JSON that Claude Desktop, LM Studio, Cursor and others use. Values of variables and headers that look secret (keys, tokens) go to the system keyring.</source>
        <translation>粘贴 Claude Desktop、LM Studio、Cursor 等应用使用的 JSON。看起来是机密的变量和请求头的值（密钥、令牌）会存入系统钥匙串。</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>What is left out or kept as notes</source>
        <translation>被略去或保留为备注的内容</translation>
    </message>
    <message>
        <source>conversations</source>
        <translation>个对话</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>条消息</translation>
    </message>
    <message>
        <source>images</source>
        <translation>张图片</translation>
    </message>
    <message>
        <source>From {first} to {last}</source>
        <translation>从 {first} 到 {last}</translation>
    </message>
    <message>
        <source>1 conversation already in your history will be skipped.</source>
        <translation>1 个已在你历史记录中的对话将被跳过。</translation>
    </message>
    <message>
        <source>{count} conversations already in your history will be skipped.</source>
        <translation>{count} 个已在你历史记录中的对话将被跳过。</translation>
    </message>
    <message>
        <source>conversations added</source>
        <translation>个对话已添加</translation>
    </message>
    <message>
        <source>messages added</source>
        <translation>条消息已添加</translation>
    </message>
    <message>
        <source>1 conversation was already present and skipped.</source>
        <translation>1 个对话已存在，已跳过。</translation>
    </message>
    <message>
        <source>{count} conversations were already present and skipped.</source>
        <translation>{count} 个对话已存在，已跳过。</translation>
    </message>
    <message>
        <source>1 part Parley cannot show will be kept as a note in its message.</source>
        <translation>1 个 Parley 无法显示的部分将作为备注保留在其消息中。</translation>
    </message>
    <message>
        <source>{count} parts Parley cannot show will be kept as notes in their messages.</source>
        <translation>{count} 个 Parley 无法显示的部分将作为备注保留在各自的消息中。</translation>
    </message>
    <message>
        <source>1 part was kept as a note in its message.</source>
        <translation>1 个部分已作为备注保留在其消息中。</translation>
    </message>
    <message>
        <source>{count} parts were kept as notes in their messages.</source>
        <translation>{count} 个部分已作为备注保留在各自的消息中。</translation>
    </message>
    <message>
        <source>1 conversation cannot be read and will be left out.</source>
        <translation>1 个对话无法读取，将被略去。</translation>
    </message>
    <message>
        <source>{count} conversations cannot be read and will be left out.</source>
        <translation>{count} 个对话无法读取，将被略去。</translation>
    </message>
    <message>
        <source>1 conversation could not be read and was left out.</source>
        <translation>1 个对话无法读取，已略去。</translation>
    </message>
    <message>
        <source>{count} conversations could not be read and were left out.</source>
        <translation>{count} 个对话无法读取，已略去。</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… 还有 {count} 项</translation>
    </message>
</context>
<context>
    <name>InstalledModelsView</name>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Sort the installed models</source>
        <translation>对已安装的模型排序</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Largest</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Most parameters</source>
        <translation>参数最多</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>排序方式</translation>
    </message>
    <message>
        <source>Filter by name or family</source>
        <translation>按名称或系列筛选</translation>
    </message>
    <message>
        <source>Filter models by name or family</source>
        <translation>按名称或系列筛选模型</translation>
    </message>
    <message>
        <source>Show only models with a capability</source>
        <translation>只显示具备某项能力的模型</translation>
    </message>
    <message>
        <source>Any capability</source>
        <translation>任意能力</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>Put {name} in the download field</source>
        <translation>将 {name} 填入下载框</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
</context>
<context>
    <name>KeyHostGuard</name>
    <message>
        <source>The stored API key was confirmed for {old}. It is not sent to {new} unless you confirm.</source>
        <translation>已保存的 API 密钥只确认用于 {old}。除非你确认，否则不会发送到 {new}。</translation>
    </message>
    <message>
        <source>The stored API key has not been confirmed for any address yet. It is sent to {new} only when you confirm.</source>
        <translation>已保存的 API 密钥尚未确认用于任何地址。只有在你确认后，才会发送到 {new}。</translation>
    </message>
    <message>
        <source>Send the API key to {new}</source>
        <translation>将 API 密钥发送到 {new}</translation>
    </message>
</context>
<context>
    <name>KeyringNotice</name>
    <message>
        <source>Looking for the system keyring…</source>
        <translation>正在查找系统密钥环…</translation>
    </message>
    <message>
        <source>No system keyring was found, so API keys you enter are kept only until Parley closes.</source>
        <translation>未找到系统密钥环，因此你输入的 API 密钥只保留到 Parley 关闭为止。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Show why there is no keyring</source>
        <translation>显示没有密钥环的原因</translation>
    </message>
    <message>
        <source>API keys are kept in the system keyring ({name}), never in a file.</source>
        <translation>API 密钥保存在系统密钥环（{name}）中，从不写入文件。</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <source>&amp;Prompt library…</source>
        <translation>提示词库(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Document library…</source>
        <translation>文档库(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>Document library</source>
        <translation>文档库</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>文档集</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建文档集</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No collection yet</source>
        <translation>还没有文档集</translation>
    </message>
    <message>
        <source>A collection keeps documents you want to ask about in many chats: manuals, papers, notes. Make one, add files, then tick it in a chat&apos;s settings.</source>
        <translation>文档集保存你想在多个对话中提问的文档：手册、论文、笔记。新建一个，添加文件，然后在对话设置中勾选它。</translation>
    </message>
    <message>
        <source>Empty. Add files to ask about them in any chat.</source>
        <translation>空的。添加文件后，可在任何对话中针对它们提问。</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 个文档</translation>
    </message>
    <message>
        <source>{count} documents</source>
        <translation>{count} 个文档</translation>
    </message>
    <message>
        <source>1 passage</source>
        <translation>1 个段落</translation>
    </message>
    <message>
        <source>{count} passages</source>
        <translation>{count} 个段落</translation>
    </message>
    <message>
        <source>Built with {model}</source>
        <translation>嵌入模型：{model}</translation>
    </message>
    <message>
        <source>Not embedded yet</source>
        <translation>尚未生成向量</translation>
    </message>
    <message>
        <source>There is already a collection named {name}.</source>
        <translation>已有名为 {name} 的文档集。</translation>
    </message>
    <message>
        <source>That name is too long.</source>
        <translation>名称太长。</translation>
    </message>
    <message>
        <source>A collection needs a name.</source>
        <translation>文档集需要一个名称。</translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>删除文档集</translation>
    </message>
    <message>
        <source>Delete the collection {name}?</source>
        <translation>删除文档集 {name}？</translation>
    </message>
    <message>
        <source>Its document, with its passages and embeddings, is deleted too.</source>
        <translation>其中的文档及其段落和向量也会一并删除。</translation>
    </message>
    <message>
        <source>Its {count} documents, with their passages and embeddings, are deleted too.</source>
        <translation>其中的 {count} 个文档及其段落和向量也会一并删除。</translation>
    </message>
    <message>
        <source>Your files on disk stay. Chats that used it no longer draw on it.</source>
        <translation>磁盘上的文件会保留。使用它的对话将不再引用它。</translation>
    </message>
</context>
<context>
    <name>LoadedRow</name>
    <message>
        <source>Unload</source>
        <translation>卸载</translation>
    </message>
    <message>
        <source>Free the memory of {name}</source>
        <translation>释放 {name} 占用的内存</translation>
    </message>
</context>
<context>
    <name>LocalOllamaForm</name>
    <message>
        <source>Ollama on this computer</source>
        <translation>本机上的 Ollama</translation>
    </message>
    <message>
        <source>Offer the models of this Ollama</source>
        <translation>提供此 Ollama 的模型</translation>
    </message>
    <message>
        <source>Empty: OLLAMA_HOST or http://127.0.0.1:11434</source>
        <translation>留空：使用 OLLAMA_HOST 或 http://127.0.0.1:11434</translation>
    </message>
    <message>
        <source>Ollama host</source>
        <translation>Ollama 主机</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>For an Ollama on another machine that needs a password or token, add an “Ollama” provider instead: it has Basic and Bearer authentication.</source>
        <translation>若另一台机器上的 Ollama 需要密码或令牌，请改为添加“Ollama”服务商：它支持 Basic 和 Bearer 认证。</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Models on this computer and downloads</source>
        <translation>本机上的模型和下载</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>MCP servers that give models tools</source>
        <translation>为模型提供工具的 MCP 服务器</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Providers, models and appearance</source>
        <translation>服务商、模型和外观</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Parley</source>
        <translation>Parley(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Ollama host</source>
        <translation>Ollama 主机</translation>
    </message>
    <message>
        <source>Address of the Ollama server (empty: OLLAMA_HOST or http://127.0.0.1:11434)</source>
        <translation>Ollama 服务器地址（留空：使用 OLLAMA_HOST 或 http://127.0.0.1:11434）</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s thinking</source>
        <translation>显示或隐藏模型的思考过程</translation>
    </message>
    <message>
        <source>Model thinking</source>
        <translation>模型思考</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Ask the model again</source>
        <translation>再问一次模型</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>复制此消息</translation>
    </message>
    <message>
        <source>Copy as markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <source>Copy as plain text</source>
        <translation>复制为纯文本</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit and send again</source>
        <translation>编辑后重新发送</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Answer again</source>
        <translation>重新回答</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>删除此消息</translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation>编辑后的消息</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the edited message</source>
        <translation>发送编辑后的消息</translation>
    </message>
    <message>
        <source>Version {n} of {count}</source>
        <translation>第 {n} / {count} 版</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Interrupted: Parley closed before this answer finished</source>
        <translation>已中断：回答完成前 Parley 已关闭</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 个 token</translation>
    </message>
    <message>
        <source>first token {ms:.0f} ms</source>
        <translation>首个 token {ms:.0f} 毫秒</translation>
    </message>
    <message>
        <source>load {s:.2f} s</source>
        <translation>加载 {s:.2f} 秒</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} 个 token</translation>
    </message>
    <message>
        <source>{rate:.1f} tok/s</source>
        <translation>{rate:.1f} token/秒</translation>
    </message>
</context>
<context>
    <name>MessageList</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
</context>
<context>
    <name>ModelActions</name>
    <message>
        <source>No space is freed: {others} uses the same files.</source>
        <translation>不会释放空间：{others} 使用相同的文件。</translation>
    </message>
    <message>
        <source>This frees up to {size} on the disk of the Ollama server.</source>
        <translation>这最多可释放 Ollama 服务器磁盘上的 {size}。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>删除 {name}？</translation>
    </message>
    <message>
        <source>To use it again you will have to download it again.</source>
        <translation>再次使用时需要重新下载。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{name} was deleted.</source>
        <translation>{name} 已删除。</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>重命名模型</translation>
    </message>
    <message>
        <source>Copy model</source>
        <translation>复制模型</translation>
    </message>
    <message>
        <source>New name for {name}:</source>
        <translation>{name} 的新名称：</translation>
    </message>
    <message>
        <source>Name of the copy of {name}:</source>
        <translation>{name} 副本的名称：</translation>
    </message>
    <message>
        <source>Try {name}.</source>
        <translation>试试 {name}。</translation>
    </message>
    <message>
        <source>{old} is now called {new}.</source>
        <translation>{old} 已改名为 {new}。</translation>
    </message>
    <message>
        <source>{old} was copied to {new}.</source>
        <translation>{old} 已复制为 {new}。</translation>
    </message>
</context>
<context>
    <name>ModelDefaultsDialog</name>
    <message>
        <source>Defaults for new chats</source>
        <translation>新对话的默认设置</translation>
    </message>
    <message>
        <source>Defaults for new chats with {name}</source>
        <translation>使用 {name} 的新对话的默认设置</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>上下文窗口</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大 token 数</translation>
    </message>
    <message>
        <source>What the model is told at the start of each new chat (optional)</source>
        <translation>每个新对话开始时告诉模型的话（可选）</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Context window in tokens</source>
        <translation>上下文窗口（token 数）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>As the model does</source>
        <translation>跟随模型</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>New chats with this model start with the usual settings</source>
        <translation>使用这个模型的新对话以常规设置开始</translation>
    </message>
    <message>
        <source>A new chat takes these when this model is picked for it. Chats already started keep their own settings. Nothing is sent to Ollama.</source>
        <translation>为新对话选择这个模型时会采用这些设置。已开始的对话保留自己的设置。不会向 Ollama 发送任何内容。</translation>
    </message>
</context>
<context>
    <name>ModelDetailsPanel</name>
    <message>
        <source>Details of the selected model</source>
        <translation>所选模型的详情</translation>
    </message>
    <message>
        <source>Chat with this model</source>
        <translation>用此模型聊天</translation>
    </message>
    <message>
        <source>Copy name</source>
        <translation>复制名称</translation>
    </message>
    <message>
        <source>Copy the model&apos;s name</source>
        <translation>复制模型名称</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Copy…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <source>Copy the model under a new name</source>
        <translation>以新名称复制此模型</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Variant…</source>
        <translation>变体…</translation>
    </message>
    <message>
        <source>Make a new model from this one with your own system prompt and parameters</source>
        <translation>以此模型为基础，用你自己的系统提示词和参数创建新模型</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change this variant&apos;s system prompt, parameters or template</source>
        <translation>修改此变体的系统提示词、参数或模板</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the model from Ollama</source>
        <translation>从 Ollama 中删除此模型</translation>
    </message>
    <message>
        <source>Select a model to see what it is and what it needs.</source>
        <translation>选择一个模型，查看它是什么、需要什么。</translation>
    </message>
    <message>
        <source>An embedding model turns text into numbers; it cannot chat.</source>
        <translation>嵌入模型把文本转成数字；它不能聊天。</translation>
    </message>
    <message>
        <source>{count} parameters</source>
        <translation>{count} 参数</translation>
    </message>
    <message>
        <source>{size} on disk</source>
        <translation>磁盘占用 {size}</translation>
    </message>
    <message>
        <source>Embedding model: turns text into numbers for search; cannot chat.</source>
        <translation>嵌入模型：把文本转成数字用于搜索；不能聊天。</translation>
    </message>
    <message>
        <source>Can: {list}</source>
        <translation>能力：{list}</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Defaults for new chats</source>
        <translation>新对话的默认设置</translation>
    </message>
    <message>
        <source>Set the defaults for new chats…</source>
        <translation>设置新对话的默认值…</translation>
    </message>
    <message>
        <source>What the name says</source>
        <translation>名称的含义</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Loading details from Ollama…</source>
        <translation>正在从 Ollama 加载详情…</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Embedding length</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Model info</source>
        <translation>模型信息</translation>
    </message>
    <message>
        <source>Capabilities: {list}.</source>
        <translation>能力：{list}。</translation>
    </message>
    <message>
        <source>This is an embedding model: it turns text into numbers for search and retrieval, and cannot chat.</source>
        <translation>这是一个嵌入模型：它把文本转成数字，用于搜索和检索，不能聊天。</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
</context>
<context>
    <name>ModelExplanation</name>
    <message>
        <source>Needs about {need} of memory (this computer&apos;s RAM is unknown).</source>
        <translation>大约需要 {need} 内存（本机内存大小未知）。</translation>
    </message>
    <message>
        <source>The memory this model needs cannot be estimated from its name.</source>
        <translation>无法根据名称估算此模型所需的内存。</translation>
    </message>
    <message>
        <source>can: {list}</source>
        <translation>能力：{list}</translation>
    </message>
    <message>
        <source>{count} parameters</source>
        <translation>{count} 参数</translation>
    </message>
    <message>
        <source>{size} on disk · digest {digest}</source>
        <translation>磁盘占用 {size} · 摘要 {digest}</translation>
    </message>
</context>
<context>
    <name>ModelListModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Quant</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>能力</translation>
    </message>
    <message>
        <source>{count} parameters</source>
        <translation>{count} 参数</translation>
    </message>
    <message>
        <source>can: {list}</source>
        <translation>能力：{list}</translation>
    </message>
</context>
<context>
    <name>ModelManagerPane</name>
    <message>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Refresh the list of models</source>
        <translation>刷新模型列表</translation>
    </message>
    <message>
        <source>{host} · Ollama {version}</source>
        <translation>{host} · Ollama {version}</translation>
    </message>
    <message>
        <source>{host} · not reachable</source>
        <translation>{host} · 无法连接</translation>
    </message>
    <message>
        <source>Ollama does not answer at {host}.</source>
        <translation>{host} 上的 Ollama 没有响应。</translation>
    </message>
    <message>
        <source>No models yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <source>Download one: type its name in the field above and press Pull, or start with a small one.</source>
        <translation>下载一个吧：在上方输入框中输入模型名称并点“下载”，或先从小模型开始。</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation>正在查找模型…</translation>
    </message>
    <message>
        <source>Ollama is not reachable</source>
        <translation>无法连接 Ollama</translation>
    </message>
    <message>
        <source>The models installed in Ollama show here once it answers.</source>
        <translation>Ollama 响应后，这里会显示它已安装的模型。</translation>
    </message>
    <message>
        <source>{n} loaded</source>
        <translation>已载入 {n} 个</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{name} is an embedding model: it cannot chat.</source>
        <translation>{name} 是嵌入模型：它不能聊天。</translation>
    </message>
    <message>
        <source>Loaded in memory</source>
        <translation>已载入内存</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>this machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>your network</source>
        <translation>局域网</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>云端</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Models of every enabled provider</source>
        <translation>所有已启用服务商的模型</translation>
    </message>
    <message>
        <source>Model to chat with</source>
        <translation>聊天使用的模型</translation>
    </message>
    <message>
        <source>{model} from {provider}</source>
        <translation>来自 {provider} 的 {model}</translation>
    </message>
</context>
<context>
    <name>ModelPickerPopup</name>
    <message>
        <source>Search models…</source>
        <translation>搜索模型…</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Models by provider</source>
        <translation>按服务商分组的模型</translation>
    </message>
    <message>
        <source>  ·  embedding model</source>
        <translation>  ·  嵌入模型</translation>
    </message>
    <message>
        <source>An embedding model: it turns text into vectors for search and cannot answer in a chat.</source>
        <translation>嵌入模型：它把文本转成向量用于搜索，不能在对话中回答。</translation>
    </message>
    <message>
        <source>No models</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>  ·  sees images</source>
        <translation>  ·  能识别图片</translation>
    </message>
</context>
<context>
    <name>ModelRow</name>
    <message>
        <source>{count} params</source>
        <translation>{count} 参数</translation>
    </message>
</context>
<context>
    <name>NavigationRail</name>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
</context>
<context>
    <name>OllamaNotice</name>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Check again whether Ollama answers</source>
        <translation>再次检查 Ollama 是否响应</translation>
    </message>
</context>
<context>
    <name>OwnerDocuments</name>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Continue embedding</source>
        <translation>继续生成向量</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>No documents yet. Add PDF, Word, Markdown, HTML, text or code files.</source>
        <translation>还没有文档。可添加 PDF、Word、Markdown、HTML、文本或代码文件。</translation>
    </message>
    <message>
        <source>1 passage is not embedded yet: it is found by its words only.</source>
        <translation>有 1 个段落尚未生成向量：只能按关键词找到它。</translation>
    </message>
    <message>
        <source>{count} passages are not embedded yet: they are found by their words only.</source>
        <translation>有 {count} 个段落尚未生成向量：只能按关键词找到它们。</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 页</translation>
    </message>
    <message>
        <source>{count} pages</source>
        <translation>{count} 页</translation>
    </message>
    <message>
        <source>1 passage</source>
        <translation>1 个段落</translation>
    </message>
    <message>
        <source>{count} passages</source>
        <translation>{count} 个段落</translation>
    </message>
    <message>
        <source>embedded with {model}</source>
        <translation>嵌入模型：{model}</translation>
    </message>
    <message>
        <source>no text to embed</source>
        <translation>没有可生成向量的文本</translation>
    </message>
    <message>
        <source>{done} of {all} embedded</source>
        <translation>已生成 {done}/{all}</translation>
    </message>
    <message>
        <source>Add documents</source>
        <translation>添加文档</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.docx *.md *.markdown *.txt *.html *.htm *.rst *.csv *.json *.py *.js *.ts *.java *.c *.cpp *.h *.go *.rs *.rb *.sh)</source>
        <translation>文档 (*.pdf *.docx *.md *.markdown *.txt *.html *.htm *.rst *.csv *.json *.py *.js *.ts *.java *.c *.cpp *.h *.go *.rs *.rb *.sh)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Embedding: {done} of {total} passages</source>
        <translation>生成向量：第 {done}/{total} 个段落</translation>
    </message>
</context>
<context>
    <name>PassageViewer</name>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Passage [{n}] — {name}</source>
        <translation>段落 [{n}] — {name}</translation>
    </message>
    <message>
        <source>Page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>{n} tokens sent</source>
        <translation>已发送 {n} 个 token</translation>
    </message>
    <message>
        <source>This document was removed from the chat, so the passage cannot be shown.</source>
        <translation>此文档已从对话中移除，无法显示该段落。</translation>
    </message>
</context>
<context>
    <name>PerModelKeeping</name>
    <message>
        <source>What Parley learned about memory could not be saved: {error}</source>
        <translation>Parley 学到的内存数据无法保存：{error}</translation>
    </message>
    <message>
        <source>The defaults for {name} could not be saved: {error}</source>
        <translation>无法保存 {name} 的默认设置：{error}</translation>
    </message>
    <message>
        <source>New chats with {name} start with these settings.</source>
        <translation>使用 {name} 的新对话以这些设置开始。</translation>
    </message>
    <message>
        <source>New chats with {name} start with the usual settings.</source>
        <translation>使用 {name} 的新对话以常规设置开始。</translation>
    </message>
</context>
<context>
    <name>PersonaChooser</name>
    <message>
        <source>Persona</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>A preset system prompt for this chat</source>
        <translation>为此对话预设的系统提示词</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Manage personas…</source>
        <translation>管理角色…</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Optional, separated by commas</source>
        <translation>可选，用逗号分隔</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Built into Parley. Duplicate it to make your own version.</source>
        <translation>Parley 内置。复制一份即可改成你自己的版本。</translation>
    </message>
    <message>
        <source>A persona is a system prompt you can pick for any chat.</source>
        <translation>角色是可以为任何对话选用的系统提示词。</translation>
    </message>
    <message>
        <source>Type / and its name at the start of a line in the message box.</source>
        <translation>在消息框的行首输入 / 和它的名称。</translation>
    </message>
    <message>
        <source>How the model should behave…</source>
        <translation>模型应当如何表现…</translation>
    </message>
    <message>
        <source>For example: Explain {{topic}} in simple words.</source>
        <translation>例如：用简单的话解释 {{topic}}。</translation>
    </message>
    <message>
        <source>Asks for: {names}</source>
        <translation>插入时询问：{names}</translation>
    </message>
    <message>
        <source>Write {{name}} where a value should be asked for when it is inserted.</source>
        <translation>在需要插入时询问取值的位置写 {{name}}。</translation>
    </message>
    <message>
        <source>Give it a name.</source>
        <translation>请起个名称。</translation>
    </message>
    <message>
        <source>Another one is already called “{name}”.</source>
        <translation>已有另一个名为“{name}”的条目。</translation>
    </message>
    <message>
        <source>Write its text.</source>
        <translation>请填写内容。</translation>
    </message>
    <message>
        <source>A “{{” or “}}” has no partner; it will be inserted as written.</source>
        <translation>有“{{”或“}}”没有配对；插入时将按原样保留。</translation>
    </message>
</context>
<context>
    <name>PromptForm</name>
    <message>
        <source>Fill in the prompt</source>
        <translation>填写提示词</translation>
    </message>
    <message>
        <source>A “{{” or “}}” in this prompt has no partner; it is inserted as written.</source>
        <translation>此提示词中有“{{”或“}}”没有配对；将按原样插入。</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <source>Value for {name}</source>
        <translation>{name} 的值</translation>
    </message>
</context>
<context>
    <name>PromptLibraryWindow</name>
    <message>
        <source>Prompt library</source>
        <translation>提示词库</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Prompts and personas</source>
        <translation>提示词与角色</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation>已保存“{name}”。</translation>
    </message>
    <message>
        <source>Deleted “{name}”.</source>
        <translation>已删除“{name}”。</translation>
    </message>
    <message>
        <source>Delete “{name}”? This cannot be undone.</source>
        <translation>删除“{name}”？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Could not save the library: {error}</source>
        <translation>无法保存提示词库：{error}</translation>
    </message>
    <message>
        <source>{file} was not imported: {reason}. Your library is unchanged.</source>
        <translation>{file} 未导入：{reason}。你的提示词库没有改动。</translation>
    </message>
    <message>
        <source>Imported 1 prompt.</source>
        <translation>已导入 1 个提示词。</translation>
    </message>
    <message>
        <source>Imported {count} prompts.</source>
        <translation>已导入 {count} 个提示词。</translation>
    </message>
    <message>
        <source>1 was already in the library.</source>
        <translation>1 个已在库中。</translation>
    </message>
    <message>
        <source>{count} were already in the library.</source>
        <translation>{count} 个已在库中。</translation>
    </message>
    <message>
        <source>Exported 1 prompt to {{file}}.</source>
        <translation>已将 1 个提示词导出到 {{file}}。</translation>
    </message>
    <message>
        <source>Exported {count} prompts to {{file}}.</source>
        <translation>已将 {count} 个提示词导出到 {{file}}。</translation>
    </message>
    <message>
        <source>Names already in use were kept beside the old ones: {names}.</source>
        <translation>名称已被占用的条目已与原有条目并存：{names}。</translation>
    </message>
    <message>
        <source>Could not export: {error}</source>
        <translation>无法导出：{error}</translation>
    </message>
    <message>
        <source>Import prompts</source>
        <translation>导入提示词</translation>
    </message>
    <message>
        <source>Export prompts</source>
        <translation>导出提示词</translation>
    </message>
    <message>
        <source>Prompt libraries (*.json)</source>
        <translation>提示词库 (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PromptPicker</name>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Saved prompts</source>
        <translation>已保存的提示词</translation>
    </message>
    <message>
        <source>Manage prompts…</source>
        <translation>管理提示词…</translation>
    </message>
    <message>
        <source>No prompt matches “{query}”.</source>
        <translation>没有与“{query}”匹配的提示词。</translation>
    </message>
</context>
<context>
    <name>PromptsSection</name>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Prompts you reuse, and personas: system prompts you can pick for a chat.</source>
        <translation>你常用的提示词，以及角色：可为对话选用的系统提示词。</translation>
    </message>
    <message>
        <source>In the message box, type / at the start of a line to insert a prompt. Write {{name}} in a prompt for a value asked when it is inserted.</source>
        <translation>在消息框的行首输入 / 即可插入提示词。在提示词中写 {{name}}，插入时会询问它的值。</translation>
    </message>
    <message>
        <source>Open the prompt library…</source>
        <translation>打开提示词库…</translation>
    </message>
    <message>
        <source>Personas…</source>
        <translation>角色…</translation>
    </message>
    <message>
        <source>Your library: 1 prompt</source>
        <translation>你的库：1 个提示词</translation>
    </message>
    <message>
        <source>Your library: {count} prompts</source>
        <translation>你的库：{count} 个提示词</translation>
    </message>
    <message>
        <source>1 persona</source>
        <translation>1 个角色</translation>
    </message>
    <message>
        <source>{count} personas</source>
        <translation>{count} 个角色</translation>
    </message>
    <message>
        <source>{count} built in</source>
        <translation>{count} 个内置</translation>
    </message>
</context>
<context>
    <name>ProviderCard</name>
    <message>
        <source>{host} · version {version}</source>
        <translation>{host} · 版本 {version}</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Check {name} again</source>
        <translation>再次检查 {name}</translation>
    </message>
    <message>
        <source>Set host…</source>
        <translation>设置主机…</translation>
    </message>
    <message>
        <source>Set the Ollama host address</source>
        <translation>设置 Ollama 主机地址</translation>
    </message>
    <message>
        <source>{name}: {state}</source>
        <translation>{name}：{state}</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <source>As the preset says</source>
        <translation>按预设</translation>
    </message>
    <message>
        <source>No authentication</source>
        <translation>无需认证</translation>
    </message>
    <message>
        <source>Bearer token (Authorization: Bearer)</source>
        <translation>Bearer 令牌（Authorization: Bearer）</translation>
    </message>
    <message>
        <source>Basic (user:password)</source>
        <translation>Basic（用户名:密码）</translation>
    </message>
    <message>
        <source>api-key header</source>
        <translation>api-key 请求头</translation>
    </message>
    <message>
        <source>x-api-key header</source>
        <translation>x-api-key 请求头</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>One per line, e.g.  X-Team: research</source>
        <translation>每行一个，例如  X-Team: research</translation>
    </message>
    <message>
        <source>System proxy</source>
        <translation>系统代理</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>不使用代理</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>使用此代理：</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>代理地址</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Image models</source>
        <translation>视觉模型</translation>
    </message>
    <message>
        <source>Stored ({where}); type to replace</source>
        <translation>已保存（{where}）；输入新值可替换</translation>
    </message>
    <message>
        <source>Required by this service</source>
        <translation>此服务必须填写</translation>
    </message>
    <message>
        <source>Optional: only if the server asks for one</source>
        <translation>可选：仅当服务器要求时填写</translation>
    </message>
    <message>
        <source>Deployment URLs + api-version</source>
        <translation>部署网址 + api-version</translation>
    </message>
    <message>
        <source>v1 API (/openai/v1)</source>
        <translation>v1 API（/openai/v1）</translation>
    </message>
    <message>
        <source>Deployment names, comma-separated</source>
        <translation>部署名称，用逗号分隔</translation>
    </message>
    <message>
        <source>Extra model names, comma-separated</source>
        <translation>额外的模型名称，用逗号分隔</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础网址</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Custom headers</source>
        <translation>自定义请求头</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA 证书包</translation>
    </message>
    <message>
        <source>Trust a self-signed certificate</source>
        <translation>信任自签名证书</translation>
    </message>
    <message>
        <source>The certificate is then not verified: only for a server you run yourself.</source>
        <translation>这样将不验证证书：仅适用于你自己运行的服务器。</translation>
    </message>
    <message>
        <source>Models that see images: patterns such as gpt-4o*, comma-separated</source>
        <translation>能识别图片的模型：如 gpt-4o* 这样的模式，用逗号分隔</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Custom headers, proxy, certificates, models that see images</source>
        <translation>自定义请求头、代理、证书、能识别图片的模型</translation>
    </message>
    <message>
        <source>Azure URL form</source>
        <translation>Azure 网址形式</translation>
    </message>
    <message>
        <source>api-version</source>
        <translation>api-version</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The base URL</source>
        <translation>基础网址</translation>
    </message>
    <message>
        <source>The proxy address</source>
        <translation>代理地址</translation>
    </message>
    <message>
        <source>Changed since the last test: press Test connection to check it.</source>
        <translation>自上次测试后已更改：请点“测试连接”进行检查。</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>选择 CA 证书包</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ProviderList</name>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add a provider</source>
        <translation>添加服务商</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <source>Remove the selected provider</source>
        <translation>移除所选服务商</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>On this computer or your network</source>
        <translation>本机或局域网</translation>
    </message>
    <message>
        <source>Cloud services</source>
        <translation>云服务</translation>
    </message>
    <message>
        <source>Ollama on this computer</source>
        <translation>本机上的 Ollama</translation>
    </message>
    <message>
        <source>Remove “{name}” and its stored API key? This cannot be undone.</source>
        <translation>移除“{name}”及其已保存的 API 密钥？此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>ProviderStatus</name>
    <message>
        <source>Provider status</source>
        <translation>服务商状态</translation>
    </message>
    <message>
        <source>{name}: {state}</source>
        <translation>{name}：{state}</translation>
    </message>
    <message>
        <source>No providers set up</source>
        <translation>尚未设置服务商</translation>
    </message>
    <message>
        <source>Click for details</source>
        <translation>点击查看详情</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>key refused</source>
        <translation>密钥被拒绝</translation>
    </message>
    <message>
        <source>not working</source>
        <translation>无法正常工作</translation>
    </message>
    <message>
        <source>not running (not needed now)</source>
        <translation>未运行（当前不需要）</translation>
    </message>
</context>
<context>
    <name>ProviderStatusPopup</name>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>No provider is set up yet. Add one in Settings.</source>
        <translation>还没有设置任何服务商。请在设置中添加。</translation>
    </message>
</context>
<context>
    <name>ProvidersSection</name>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>The services Parley can talk to: Ollama, servers on this computer or your network, and cloud APIs. Tick a provider to offer its models.</source>
        <translation>Parley 可以连接的服务：Ollama、本机或局域网中的服务器，以及云端 API。勾选某个服务商即可使用它的模型。</translation>
    </message>
    <message>
        <source>until Parley closes</source>
        <translation>直到 Parley 关闭</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Saved. The API key stays confirmed for {old} only and is not sent to {new}.</source>
        <translation>已保存。API 密钥仍只确认用于 {old}，不会发送到 {new}。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> 及另外 {count} 个</translation>
    </message>
    <message>
        <source>Connected: 1 model — {{names}}</source>
        <translation>已连接：1 个模型 — {{names}}</translation>
    </message>
    <message>
        <source>Connected: {count} models — {{names}}</source>
        <translation>已连接：{count} 个模型 — {{names}}</translation>
    </message>
    <message>
        <source>none listed</source>
        <translation>未列出任何模型</translation>
    </message>
    <message>
        <source>The API key was removed.</source>
        <translation>API 密钥已删除。</translation>
    </message>
</context>
<context>
    <name>PullBox</name>
    <message>
        <source>Model to download, e.g. qwen3:4b or llama3.2</source>
        <translation>要下载的模型，例如 qwen3:4b 或 llama3.2</translation>
    </message>
    <message>
        <source>Name of the model to download</source>
        <translation>要下载的模型名称</translation>
    </message>
    <message>
        <source>Pull</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download the model</source>
        <translation>下载该模型</translation>
    </message>
    <message>
        <source>Download the model from the Ollama library</source>
        <translation>从 Ollama 模型库下载该模型</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>使用 {name}</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <source>Jump to a conversation or model…</source>
        <translation>跳转到对话或模型…</translation>
    </message>
    <message>
        <source>Conversation or model to jump to</source>
        <translation>要跳转的对话或模型</translation>
    </message>
    <message>
        <source>Matching conversations and models</source>
        <translation>匹配的对话和模型</translation>
    </message>
    <message>
        <source>Enter opens · Esc closes</source>
        <translation>回车打开 · Esc 关闭</translation>
    </message>
    <message>
        <source>Conversation: {title}</source>
        <translation>对话：{title}</translation>
    </message>
    <message>
        <source>Model: {model} · {provider}</source>
        <translation>模型：{model} · {provider}</translation>
    </message>
</context>
<context>
    <name>ReembedDialog</name>
    <message>
        <source>about 1 second</source>
        <translation>约 1 秒</translation>
    </message>
    <message>
        <source>about {count} seconds</source>
        <translation>约 {count} 秒</translation>
    </message>
    <message>
        <source>about {count} minutes</source>
        <translation>约 {count} 分钟</translation>
    </message>
    <message>
        <source>about {count} hours</source>
        <translation>约 {count} 小时</translation>
    </message>
    <message>
        <source>Embed documents again?</source>
        <translation>重新生成文档向量？</translation>
    </message>
    <message>
        <source>Embed your documents again with {model}?</source>
        <translation>用 {model} 重新为你的文档生成向量？</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 个文档</translation>
    </message>
    <message>
        <source>{count} documents</source>
        <translation>{count} 个文档</translation>
    </message>
    <message>
        <source>1 passage</source>
        <translation>1 个段落</translation>
    </message>
    <message>
        <source>{count} passages</source>
        <translation>{count} 个段落</translation>
    </message>
    <message>
        <source>about {count} tokens</source>
        <translation>约 {count} 个 token</translation>
    </message>
    <message>
        <source>At the pace measured on this computer: {time}.</source>
        <translation>按这台电脑上测得的速度：{time}。</translation>
    </message>
    <message>
        <source>How long it takes depends on the model and this computer.</source>
        <translation>所需时间取决于模型和这台电脑。</translation>
    </message>
    <message>
        <source>Vectors from {old} cannot be compared with those of {model}. Parley embeds every document again in the background; you can stop and continue later. Until it is done, documents not yet embedded again are found by their words only.</source>
        <translation>{old} 的向量无法与 {model} 的向量比较。Parley 会在后台为每个文档重新生成向量；你可以随时停止，稍后继续。完成之前，尚未重新生成向量的文档只能按关键词查找。</translation>
    </message>
    <message>
        <source>the earlier model</source>
        <translation>之前的模型</translation>
    </message>
    <message>
        <source>Keep {old}</source>
        <translation>保留 {old}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Embed again</source>
        <translation>重新生成</translation>
    </message>
</context>
<context>
    <name>RestorePreview</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Your history now is replaced by this one. It is kept as a backup first, so you can undo the restore.</source>
        <translation>你当前的历史记录将被这份替换。它会先被保存为备份，因此可以撤销这次恢复。</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建于</translation>
    </message>
    <message>
        <source>Restore {file}?</source>
        <translation>恢复 {file} 吗？</translation>
    </message>
    <message>
        <source>no messages</source>
        <translation>没有消息</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>{when} by Parley {version} · {size}</source>
        <translation>{when}，由 Parley {version} 创建 · {size}</translation>
    </message>
</context>
<context>
    <name>RunningModelsView</name>
    <message>
        <source>Models loaded in memory</source>
        <translation>已载入内存的模型</translation>
    </message>
    <message>
        <source>How long Ollama keeps a model in memory after an answer</source>
        <translation>回答结束后 Ollama 将模型保留在内存中的时长</translation>
    </message>
    <message>
        <source>Keep loaded</source>
        <translation>保持载入</translation>
    </message>
    <message>
        <source>5 minutes (default)</source>
        <translation>5 分钟（默认）</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 分钟</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Until Ollama stops</source>
        <translation>直到 Ollama 停止</translation>
    </message>
    <message>
        <source>Unload after each answer</source>
        <translation>每次回答后卸载</translation>
    </message>
    <message>
        <source>Loaded models show here once Ollama answers.</source>
        <translation>Ollama 响应后，这里会显示已载入的模型。</translation>
    </message>
    <message>
        <source>{left} · {memory} · {percent:.0f}% on GPU · {context} context</source>
        <translation>{left} · {memory} · GPU 占 {percent:.0f}% · 上下文 {context}</translation>
    </message>
    <message>
        <source>unload time unknown</source>
        <translation>卸载时间未知</translation>
    </message>
    <message>
        <source>stays loaded</source>
        <translation>保持载入</translation>
    </message>
    <message>
        <source>unloading now</source>
        <translation>正在卸载</translation>
    </message>
    <message>
        <source>unloads in {h} h {m} min</source>
        <translation>{h} 小时 {m} 分后卸载</translation>
    </message>
    <message>
        <source>unloads in {m} min {s} s</source>
        <translation>{m} 分 {s} 秒后卸载</translation>
    </message>
    <message>
        <source>{name} was unloaded.</source>
        <translation>{name} 已卸载。</translation>
    </message>
    <message>
        <source>No model is loaded in memory.</source>
        <translation>内存中没有已载入的模型。</translation>
    </message>
</context>
<context>
    <name>SearchResultsView</name>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
</context>
<context>
    <name>ServerDetail</name>
    <message>
        <source>In {folder}</source>
        <translation>位于 {folder}</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Restart {name}</source>
        <translation>重新启动 {name}</translation>
    </message>
    <message>
        <source>Start {name}</source>
        <translation>启动 {name}</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>移除 {name}</translation>
    </message>
    <message>
        <source>Tools ({count})</source>
        <translation>工具（{count}）</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>When a model calls one of its tools</source>
        <translation>当模型调用它的工具时</translation>
    </message>
    <message>
        <source>Ask me each time</source>
        <translation>每次都询问我</translation>
    </message>
    <message>
        <source>Run without asking</source>
        <translation>无需询问直接运行</translation>
    </message>
    <message>
        <source>Never run</source>
        <translation>从不运行</translation>
    </message>
    <message>
        <source>What the server writes to its error output shows here.</source>
        <translation>服务器写到错误输出的内容会显示在这里。</translation>
    </message>
    <message>
        <source>This server is off. Turn it on to offer its tools to models.</source>
        <translation>此服务器已关闭。打开它，才能把它的工具提供给模型。</translation>
    </message>
    <message>
        <source>Starting the server and asking for its tools…</source>
        <translation>正在启动服务器并获取它的工具…</translation>
    </message>
    <message>
        <source>The server did not start; its log may say more.</source>
        <translation>服务器没有启动；它的日志里可能有更多信息。</translation>
    </message>
    <message>
        <source>This server offers no tools.</source>
        <translation>此服务器不提供任何工具。</translation>
    </message>
    <message>
        <source>Parley starts the server when a chat first needs its tools. Start it now to see them.</source>
        <translation>对话第一次需要它的工具时，Parley 会启动此服务器。现在启动即可查看这些工具。</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Working folder</source>
        <translation>工作文件夹</translation>
    </message>
    <message>
        <source>Edit MCP server</source>
        <translation>编辑 MCP 服务器</translation>
    </message>
    <message>
        <source>Add MCP server</source>
        <translation>添加 MCP 服务器</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Runs as</source>
        <translation>运行方式</translation>
    </message>
    <message>
        <source>A command on this computer (stdio)</source>
        <translation>本机上的命令（stdio）</translation>
    </message>
    <message>
        <source>A server at a URL (Streamable HTTP)</source>
        <translation>某个 URL 上的服务器（Streamable HTTP）</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 令牌</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>weather, files, github…</source>
        <translation>天气、文件、代码仓库…</translation>
    </message>
    <message>
        <source>npx, uvx, docker, python… or a full path</source>
        <translation>npx、uvx、docker、python…或完整路径</translation>
    </message>
    <message>
        <source>Parley&apos;s own (leave empty)</source>
        <translation>Parley 自己的（留空）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Saved in the keyring; type to replace</source>
        <translation>已存入钥匙串；输入新值即可替换</translation>
    </message>
    <message>
        <source>Optional; sent as Authorization: Bearer …</source>
        <translation>可选；作为 Authorization: Bearer … 发送</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>添加变量</translation>
    </message>
    <message>
        <source>Add header</source>
        <translation>添加请求头</translation>
    </message>
    <message>
        <source>Give the server a name.</source>
        <translation>请为服务器起个名字。</translation>
    </message>
    <message>
        <source>Another server is already called {name}.</source>
        <translation>已有另一个服务器叫 {name}。</translation>
    </message>
    <message>
        <source>Say which command starts the server.</source>
        <translation>请填写启动服务器的命令。</translation>
    </message>
    <message>
        <source>The arguments cannot be read: {error}.</source>
        <translation>无法读取参数：{error}。</translation>
    </message>
    <message>
        <source>The URL must start with http:// or https://.</source>
        <translation>URL 必须以 http:// 或 https:// 开头。</translation>
    </message>
</context>
<context>
    <name>ServerRow</name>
    <message>
        <source>Local command</source>
        <translation>本地命令</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Use {name}</source>
        <translation>使用 {name}</translation>
    </message>
    <message>
        <source>On: its tools can be offered to models</source>
        <translation>打开：它的工具可以提供给模型</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Parley settings</source>
        <translation>Parley 设置</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>设置分区</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>History and backups</source>
        <translation>历史记录与备份</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>SetupNotice</name>
    <message>
        <source>Nothing is set up to chat with yet. Your conversations are here to read; connect Ollama, a local server or a cloud provider to continue them.</source>
        <translation>还没有设置可以聊天的模型。你的对话仍可在这里阅读；连接 Ollama、本地服务器或云服务商后即可继续对话。</translation>
    </message>
    <message>
        <source>Set up…</source>
        <translation>开始设置…</translation>
    </message>
    <message>
        <source>Show how to set up a model</source>
        <translation>显示如何设置模型</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Hide this notice</source>
        <translation>隐藏此提示</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the shortcuts sheet</source>
        <translation>关闭快捷键列表</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>在消息中换行</translation>
    </message>
    <message>
        <source>Stop the answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Jump to a conversation or model</source>
        <translation>跳转到对话或模型</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>搜索全部对话</translation>
    </message>
    <message>
        <source>Show or hide the conversations</source>
        <translation>显示或隐藏对话列表</translation>
    </message>
    <message>
        <source>Go to Chats</source>
        <translation>转到对话</translation>
    </message>
    <message>
        <source>Go to Models</source>
        <translation>转到模型</translation>
    </message>
    <message>
        <source>Go to Tools</source>
        <translation>转到“工具”</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Rename the selected conversation</source>
        <translation>重命名所选对话</translation>
    </message>
    <message>
        <source>Delete the selected conversation</source>
        <translation>删除所选对话</translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation>显示这些快捷键</translation>
    </message>
    <message>
        <source>Quit Parley</source>
        <translation>退出 Parley</translation>
    </message>
</context>
<context>
    <name>ShortcutsSection</name>
    <message>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Keys that work anywhere in the window. F1 shows them too.</source>
        <translation>在窗口任意位置都可用的按键。按 F1 也能查看。</translation>
    </message>
</context>
<context>
    <name>SidebarFolders</name>
    <message>
        <source>In {folder}</source>
        <translation>在 {folder} 中</translation>
    </message>
    <message>
        <source>Search only in this folder (click for everywhere)</source>
        <translation>只在此文件夹中搜索（点击改为全部）</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <source>New chat here</source>
        <translation>在此新建对话</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New sub-folder</source>
        <translation>新建子文件夹</translation>
    </message>
    <message>
        <source>Folder settings…</source>
        <translation>文件夹设置…</translation>
    </message>
    <message>
        <source>Delete folder…</source>
        <translation>删除文件夹…</translation>
    </message>
    <message>
        <source>Move to folder</source>
        <translation>移到文件夹</translation>
    </message>
    <message>
        <source>No folder</source>
        <translation>不放入文件夹</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>删除文件夹</translation>
    </message>
    <message>
        <source>Delete the folder “{name}”?</source>
        <translation>删除文件夹“{name}”？</translation>
    </message>
    <message>
        <source>Its conversation moves out to no folder.</source>
        <translation>其中的对话将移出文件夹。</translation>
    </message>
    <message>
        <source>Its {count} conversations move out to no folder.</source>
        <translation>其中的 {count} 个对话将移出文件夹。</translation>
    </message>
    <message>
        <source>Also delete its conversations</source>
        <translation>同时删除其中的对话</translation>
    </message>
    <message>
        <source>Its documents, with their passages and embeddings, are deleted too (your files on disk stay).</source>
        <translation>其中的文档及其段落和向量也会一并删除（磁盘上的文件会保留）。</translation>
    </message>
</context>
<context>
    <name>SidebarSearch</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>No conversation title contains that.</source>
        <translation>没有对话标题包含该内容。</translation>
    </message>
    <message>
        <source>Searching messages…</source>
        <translation>正在搜索消息…</translation>
    </message>
    <message>
        <source>No conversation or message contains that.</source>
        <translation>没有对话或消息包含该内容。</translation>
    </message>
    <message>
        <source>1 matching message</source>
        <translation>1 条匹配的消息</translation>
    </message>
    <message>
        <source>{count} matching messages</source>
        <translation>{count} 条匹配的消息</translation>
    </message>
    <message>
        <source>1 matching conversation</source>
        <translation>1 个匹配的对话</translation>
    </message>
    <message>
        <source>{count} matching conversations</source>
        <translation>{count} 个匹配的对话</translation>
    </message>
    <message>
        <source>{conversations}, {messages}</source>
        <translation>{conversations}，{messages}</translation>
    </message>
    <message>
        <source>1 conversation</source>
        <translation>1 个对话</translation>
    </message>
    <message>
        <source>{count} conversations</source>
        <translation>{count} 个对话</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 条消息</translation>
    </message>
    <message>
        <source>{count} messages</source>
        <translation>{count} 条消息</translation>
    </message>
</context>
<context>
    <name>SourcesView</name>
    <message>
        <source>whole documents</source>
        <translation>完整文档</translation>
    </message>
    <message>
        <source>retrieved passages</source>
        <translation>检索到的段落</translation>
    </message>
    <message>
        <source>passages found by keywords (no embedding model)</source>
        <translation>按关键词找到的段落（无嵌入模型）</translation>
    </message>
    <message>
        <source>Sources · {mode} · {tokens} tokens</source>
        <translation>来源 · {mode} · {tokens} 个 token</translation>
    </message>
    <message>
        <source>{n} tokens</source>
        <translation>{n} 个 token</translation>
    </message>
</context>
<context>
    <name>ToolCard</name>
    <message>
        <source>Waiting for you</source>
        <translation>等待你的决定</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Show or hide the call&apos;s arguments and result</source>
        <translation>显示或隐藏调用的参数和结果</translation>
    </message>
    <message>
        <source>Your reason: {reason}</source>
        <translation>你的理由：{reason}</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Result, with a picture sent to the model</source>
        <translation>结果（附一张发送给模型的图片）</translation>
    </message>
    <message>
        <source>Result, with {n} pictures sent to the model</source>
        <translation>结果（附 {n} 张发送给模型的图片）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>{ms:.0f} ms</source>
        <translation>{ms:.0f} 毫秒</translation>
    </message>
    <message>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} 秒</translation>
    </message>
    <message>
        <source>As the server says</source>
        <translation>跟随服务器设置</translation>
    </message>
    <message>
        <source>Run without asking</source>
        <translation>无需询问直接运行</translation>
    </message>
    <message>
        <source>Never run</source>
        <translation>从不运行</translation>
    </message>
    <message>
        <source>When a model calls {tool}</source>
        <translation>当模型调用 {tool} 时</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>No description</source>
        <translation>没有说明</translation>
    </message>
    <message>
        <source>The server says this tool only reads, never changes.</source>
        <translation>服务器声明此工具只读取，不做任何更改。</translation>
    </message>
    <message>
        <source>Hide schema</source>
        <translation>隐藏结构</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Hide the input schema of {tool}</source>
        <translation>隐藏 {tool} 的输入结构</translation>
    </message>
    <message>
        <source>Show the input schema of {tool}</source>
        <translation>显示 {tool} 的输入结构</translation>
    </message>
</context>
<context>
    <name>ToolList</name>
    <message>
        <source>When a model calls {tool}</source>
        <translation>当模型调用 {tool} 时</translation>
    </message>
    <message>
        <source>Tools of this server</source>
        <translation>此服务器的工具</translation>
    </message>
</context>
<context>
    <name>ToolSettingsBox</name>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Limits for models that call tools. Servers and their tools are on the Tools page.</source>
        <translation>调用工具的模型的限制。服务器及其工具在“工具”页面中。</translation>
    </message>
    <message>
        <source>Rounds of tool calls per answer</source>
        <translation>每个回答的工具调用轮数</translation>
    </message>
    <message>
        <source>An answer that calls tools more often than this is stopped, with what it wrote so far kept. The same call made again and again stops it sooner.</source>
        <translation>调用工具超过此轮数的回答会被停止，已写出的内容会保留。反复进行同一个调用会让它更早停止。</translation>
    </message>
    <message>
        <source>Run tools marked read-only without asking</source>
        <translation>标为只读的工具无需询问即可运行</translation>
    </message>
    <message>
        <source>A server can say a tool only reads (searching, fetching a page). Its word is trusted only if this is on; tools you set to Deny stay denied.</source>
        <translation>服务器可以声明某个工具只读取（例如搜索、获取网页）。只有打开此项才会相信这一声明；你设为“拒绝”的工具仍会被拒绝。</translation>
    </message>
</context>
<context>
    <name>ToolStepsView</name>
    <message>
        <source>Preparing a call of {tool}…</source>
        <translation>正在准备调用 {tool}…</translation>
    </message>
    <message>
        <source>Used tools on: {servers}</source>
        <translation>使用了这些服务器上的工具：{servers}</translation>
    </message>
</context>
<context>
    <name>ToolsChooser</name>
    <message>
        <source>Tools this conversation may use</source>
        <translation>此对话可以使用的工具</translation>
    </message>
    <message>
        <source>No tool servers</source>
        <translation>没有工具服务器</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>All servers</source>
        <translation>全部服务器</translation>
    </message>
    <message>
        <source>{on} of {all} servers</source>
        <translation>{all} 个服务器中的 {on} 个</translation>
    </message>
    <message>
        <source>No tools yet: add servers on the Tools page</source>
        <translation>还没有工具：请在“工具”页面添加服务器</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Remove {name}?</source>
        <translation>移除 {name}？</translation>
    </message>
    <message>
        <source>Remove the server {name}? Its secrets are deleted from the keyring.</source>
        <translation>要移除服务器 {name} 吗？它的机密信息会从钥匙串中删除。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Open an mcpServers JSON file</source>
        <translation>打开 mcpServers JSON 文件</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>{file} could not be read: {error}</source>
        <translation>无法读取 {file}：{error}</translation>
    </message>
    <message>
        <source>Added 1 server.</source>
        <translation>已添加 1 个服务器。</translation>
    </message>
    <message>
        <source>Added {count} servers.</source>
        <translation>已添加 {count} 个服务器。</translation>
    </message>
    <message>
        <source>Updated 1 server of the same name.</source>
        <translation>已更新 1 个同名服务器。</translation>
    </message>
    <message>
        <source>Updated {count} servers of the same name.</source>
        <translation>已更新 {count} 个同名服务器。</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>MCP servers give models tools: files, the web, your apps. Parley asks you before a tool runs.</source>
        <translation>MCP 服务器为模型提供工具：文件、网络、你的应用。工具运行前，Parley 会先征求你的同意。</translation>
    </message>
    <message>
        <source>Paste JSON…</source>
        <translation>粘贴 JSON…</translation>
    </message>
    <message>
        <source>Paste the mcpServers JSON of Claude Desktop, LM Studio or Cursor</source>
        <translation>粘贴 Claude Desktop、LM Studio 或 Cursor 的 mcpServers JSON</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Add the servers of an mcpServers JSON file</source>
        <translation>添加 mcpServers JSON 文件中的服务器</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>关闭消息</translation>
    </message>
    <message>
        <source>No MCP servers yet</source>
        <translation>还没有 MCP 服务器</translation>
    </message>
    <message>
        <source>Paste mcpServers JSON…</source>
        <translation>粘贴 mcpServers JSON…</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>添加服务器</translation>
    </message>
    <message>
        <source>Add a server by its command (npx, uvx, docker…) or its URL, or paste the mcpServers JSON you use in another app. Servers start when a chat first needs their tools.</source>
        <translation>通过命令（npx、uvx、docker…）或 URL 添加服务器，或者粘贴你在其他应用中使用的 mcpServers JSON。对话第一次需要服务器的工具时，服务器才会启动。</translation>
    </message>
    <message>
        <source>Stop a tool call after</source>
        <translation>工具调用超时</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Seconds a tool call may take</source>
        <translation>一次工具调用最多可用的秒数</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Starts when needed</source>
        <translation>需要时启动</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Running · {count} tools</source>
        <translation>运行中 · {count} 个工具</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>VariantDialog</name>
    <message>
        <source>Edit model</source>
        <translation>编辑模型</translation>
    </message>
    <message>
        <source>Create variant</source>
        <translation>创建变体</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <source>Create a variant of {name}</source>
        <translation>创建 {name} 的变体</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>for example my-assistant</source>
        <translation>例如 my-assistant</translation>
    </message>
    <message>
        <source>What the model is told before every chat (optional)</source>
        <translation>每次对话前告诉模型的内容（可选）</translation>
    </message>
    <message>
        <source>The model&apos;s own template (optional)</source>
        <translation>模型自己的模板（可选）</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Give the new model a name.</source>
        <translation>请为新模型起个名字。</translation>
    </message>
    <message>
        <source>A model named {name} is installed already; choose another name.</source>
        <translation>已经安装了名为 {name} 的模型；请换一个名字。</translation>
    </message>
    <message>
        <source>{name} is ready. Its Modelfile:</source>
        <translation>{name} 已就绪。它的 Modelfile：</translation>
    </message>
</context>
<context>
    <name>WindowShortcuts</name>
    <message>
        <source>&amp;New conversation</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Jump to a conversation or model…</source>
        <translation>跳转到对话或模型(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Search conversations</source>
        <translation>搜索对话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>_Row</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Saved in the keyring; type to replace</source>
        <translation>已存入钥匙串；输入新值即可替换</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>机密</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a settings file</source>
        <translation>保存在系统钥匙串中，绝不写入设置文件</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove this row</source>
        <translation>移除这一行</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>1-bit i-quant (importance-weighted) — about {bpw} bits per weight; tiny, with severe quality loss</source>
        <translation>1 位 i-quant（按重要性加权）— 每个权重约 {bpw} 位；极小，质量损失严重</translation>
    </message>
    <message>
        <source>16-bit brain floating point, not quantized — {bpw} bits per weight; full quality but about three times the memory of q4_K_M</source>
        <translation>16 位 bfloat 浮点，未量化 — 每个权重 {bpw} 位；质量完整，但内存约为 q4_K_M 的三倍</translation>
    </message>
    <message>
        <source>16-bit floating point, not quantized — {bpw} bits per weight; full quality but about three times the memory of q4_K_M</source>
        <translation>16 位浮点，未量化 — 每个权重 {bpw} 位；质量完整，但内存约为 q4_K_M 的三倍</translation>
    </message>
    <message>
        <source>2-bit i-quant (importance-weighted) — about {bpw} bits per weight; very small, clearly lower quality</source>
        <translation>2 位 i-quant（按重要性加权）— 每个权重约 {bpw} 位；很小，质量明显下降</translation>
    </message>
    <message>
        <source>2-bit quantization, K-quant — about {bpw} bits per weight; a large quality loss, only when nothing bigger fits</source>
        <translation>2 位 K-quant 量化 — 每个权重约 {bpw} 位；质量损失大，仅在更大的放不下时使用</translation>
    </message>
    <message>
        <source>3-bit i-quant (importance-weighted) — about {bpw} bits per weight; lower quality, for when memory is tight</source>
        <translation>3 位 i-quant（按重要性加权）— 每个权重约 {bpw} 位；质量较低，适合内存紧张时</translation>
    </message>
    <message>
        <source>3-bit quantization, K-quant — about {bpw} bits per weight; noticeably lower quality, for when memory is tight</source>
        <translation>3 位 K-quant 量化 — 每个权重约 {bpw} 位；质量明显较低，适合内存紧张时</translation>
    </message>
    <message>
        <source>32-bit floating point, not quantized — {bpw} bits per weight; very large and rarely worth the memory</source>
        <translation>32 位浮点，未量化 — 每个权重 {bpw} 位；非常大，很少值得占用这么多内存</translation>
    </message>
    <message>
        <source>4-bit i-quant (importance-weighted) — about {bpw} bits per weight; close to q4_K_S quality, slightly smaller</source>
        <translation>4 位 i-quant（按重要性加权）— 每个权重约 {bpw} 位；质量接近 q4_K_S，略小</translation>
    </message>
    <message>
        <source>4-bit quantization, K-quant medium — about {bpw} bits per weight; small and fast with a modest quality loss (the usual default)</source>
        <translation>4 位 K-quant 中等量化 — 每个权重约 {bpw} 位；小而快，质量损失不大（通常的默认值）</translation>
    </message>
    <message>
        <source>4-bit quantization, K-quant small — about {bpw} bits per weight; a bit smaller than q4_K_M with a bit more quality loss</source>
        <translation>4 位 K-quant 小型量化 — 每个权重约 {bpw} 位；比 q4_K_M 略小，质量损失略多</translation>
    </message>
    <message>
        <source>4-bit quantization, older format — about {bpw} bits per weight; q4_K_M is usually better at a similar size</source>
        <translation>4 位量化，旧格式 — 每个权重约 {bpw} 位；同等大小下 q4_K_M 通常更好</translation>
    </message>
    <message>
        <source>5-bit quantization, K-quant medium — about {bpw} bits per weight; a little larger than q4_K_M with slightly better quality</source>
        <translation>5 位 K-quant 中等量化 — 每个权重约 {bpw} 位；比 q4_K_M 稍大，质量稍好</translation>
    </message>
    <message>
        <source>5-bit quantization, K-quant small — about {bpw} bits per weight; a little larger than q4_K_M with slightly better quality</source>
        <translation>5 位 K-quant 小型量化 — 每个权重约 {bpw} 位；比 q4_K_M 稍大，质量稍好</translation>
    </message>
    <message>
        <source>5-bit quantization, older format — about {bpw} bits per weight; q5_K_M is usually better at the same size</source>
        <translation>5 位量化，旧格式 — 每个权重约 {bpw} 位；同等大小下 q5_K_M 通常更好</translation>
    </message>
    <message>
        <source>6-bit quantization, K-quant — about {bpw} bits per weight; quality very close to the original</source>
        <translation>6 位 K-quant 量化 — 每个权重约 {bpw} 位；质量非常接近原始模型</translation>
    </message>
    <message>
        <source>instruct</source>
        <translation>指令版</translation>
    </message>
    <message>
        <source>chat</source>
        <translation>对话版</translation>
    </message>
    <message>
        <source>base</source>
        <translation>基础版</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码版</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>视觉</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>thinking</source>
        <translation>思考</translation>
    </message>
    <message>
        <source>distill</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>qat</source>
        <translation>量化感知训练</translation>
    </message>
    <message>
        <source>uncensored</source>
        <translation>去审查</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>云端</translation>
    </message>
    <message>
        <source>version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>8-bit floating point — {bpw} bits per weight; close to full quality</source>
        <translation>8 位浮点 — 每个权重 {bpw} 位；接近完整质量</translation>
    </message>
    <message>
        <source>8-bit quantization — about {bpw} bits per weight; practically the quality of 16-bit at half the memory</source>
        <translation>8 位量化 — 每个权重约 {bpw} 位；质量几乎等同 16 位，内存只要一半</translation>
    </message>
    <message>
        <source>quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>A name cannot contain two dots in a row.</source>
        <translation>名称中不能有两个连续的点。</translation>
    </message>
    <message>
        <source>A name has at most a host and a namespace before the model: host/namespace/model.</source>
        <translation>模型名前最多只有主机和命名空间：主机/命名空间/模型。</translation>
    </message>
    <message>
        <source>AWS Bedrock (OpenAI-compatible)</source>
        <translation>AWS Bedrock（OpenAI 兼容）</translation>
    </message>
    <message>
        <source>LiteLLM proxy</source>
        <translation>LiteLLM 代理</translation>
    </message>
    <message>
        <source>After &apos;@&apos; comes a digest such as sha256:… with 64 hexadecimal digits.</source>
        <translation>&apos;@&apos; 后面应是摘要，如 sha256:…，含 64 位十六进制数字。</translation>
    </message>
    <message>
        <source>Could not connect to {where}. Check the network connection and the endpoint URL in Settings.</source>
        <translation>无法连接到 {where}。请检查网络连接以及设置中的端点网址。</translation>
    </message>
    <message>
        <source>Custom (OpenAI-compatible)</source>
        <translation>自定义（OpenAI 兼容）</translation>
    </message>
    <message>
        <source>Does not fit: needs about {need}, but this computer has {ram}; pick a smaller size or quantization.</source>
        <translation>放不下：大约需要 {need}，而本机只有 {ram}；请选择更小的规模或量化。</translation>
    </message>
    <message>
        <source>Each part of a name must start with a letter or a digit.</source>
        <translation>名称的每一部分都必须以字母或数字开头。</translation>
    </message>
    <message>
        <source>Enter a model name, such as qwen3:4b.</source>
        <translation>请输入模型名称，例如 qwen3:4b。</translation>
    </message>
    <message>
        <source>Enter the model name rather than the web address.</source>
        <translation>请输入模型名称，而不是网址。</translation>
    </message>
    <message>
        <source>Fits comfortably: needs about {need} of this computer&apos;s {ram}.</source>
        <translation>放得下：大约需要 {need}，本机有 {ram}。</translation>
    </message>
    <message>
        <source>GGUF, the model file format that llama.cpp and Ollama use</source>
        <translation>GGUF，llama.cpp 和 Ollama 使用的模型文件格式</translation>
    </message>
    <message>
        <source>Google Vertex AI (OpenAI-compatible)</source>
        <translation>Google Vertex AI（OpenAI 兼容）</translation>
    </message>
    <message>
        <source>Hugging Face router</source>
        <translation>Hugging Face 路由</translation>
    </message>
    <message>
        <source>Leave out the quotes around the name.</source>
        <translation>名称两边不要加引号。</translation>
    </message>
    <message>
        <source>MXFP4, a 4-bit floating-point format with shared scales — about {bpw} bits per weight; models trained for it lose little quality</source>
        <translation>MXFP4，一种共享缩放因子的 4 位浮点格式 — 每个权重约 {bpw} 位；为它训练的模型几乎不损失质量</translation>
    </message>
    <message>
        <source>Model names cannot contain spaces.</source>
        <translation>模型名称不能包含空格。</translation>
    </message>
    <message>
        <source>Model names on ollama.com are lower case.</source>
        <translation>ollama.com 上的模型名称都是小写。</translation>
    </message>
    <message>
        <source>Ollama (OpenAI-compatible /v1)</source>
        <translation>Ollama（OpenAI 兼容 /v1）</translation>
    </message>
    <message>
        <source>Only the model name is needed, not the ollama command.</source>
        <translation>只需要模型名称，不需要 ollama 命令。</translation>
    </message>
    <message>
        <source>Parley does not know a model called {family}; did you mean {guess}?</source>
        <translation>Parley 不认识名为 {family} 的模型；你是指 {guess} 吗？</translation>
    </message>
    <message>
        <source>Quantizations are written like q4_K_M.</source>
        <translation>量化的写法形如 q4_K_M。</translation>
    </message>
    <message>
        <source>Qwen (Alibaba Cloud DashScope)</source>
        <translation>通义千问（阿里云百炼 DashScope）</translation>
    </message>
    <message>
        <source>That name is too long.</source>
        <translation>名称太长了。</translation>
    </message>
    <message>
        <source>The TLS certificate of {where} could not be verified ({reason}). If the server uses a private or self-signed certificate, add its CA bundle or allow self-signed certificates for this provider in Settings.</source>
        <translation>无法验证 {where} 的 TLS 证书（{reason}）。如果服务器使用私有或自签名证书，请在设置中为此服务商添加 CA 证书包，或允许自签名证书。</translation>
    </message>
    <message>
        <source>The address of {service} is not a valid URL. Correct it in Settings.</source>
        <translation>{service} 的地址不是有效网址。请在设置中更正。</translation>
    </message>
    <message>
        <source>The proxy {proxy} set for {service} cannot be used ({reason}). Use an http://, https:// or socks5:// proxy URL in Settings.</source>
        <translation>为 {service} 设置的代理 {proxy} 无法使用（{reason}）。请在设置中使用 http://、https:// 或 socks5:// 代理网址。</translation>
    </message>
    <message>
        <source>The CA bundle {path} set for {service} cannot be read ({reason}). Choose a PEM file with the certificate authority in Settings.</source>
        <translation>无法读取为 {service} 设置的 CA 证书包 {path}（{reason}）。请在设置中选择包含证书颁发机构的 PEM 文件。</translation>
    </message>
    <message>
        <source>Try again in {seconds} seconds.</source>
        <translation>请在 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <source> It said: {words}</source>
        <translation>它返回：{words}</translation>
    </message>
    <message>
        <source>LiteLLM at {url} asks for a key (HTTP {status}), and none is set. Enter LiteLLM&apos;s master key as the API key of {service} in Settings.</source>
        <translation>{url} 上的 LiteLLM 要求提供密钥（HTTP {status}），但尚未设置。请在设置中把 LiteLLM 的主密钥填为 {service} 的 API 密钥。</translation>
    </message>
    <message>
        <source>LiteLLM at {url} failed while checking the API key of {service} (HTTP {status}), as it does when a key other than its master key needs a database it cannot reach (the prisma extra is not installed). Enter the master key in Settings, or see LiteLLM&apos;s log.</source>
        <translation>{url} 上的 LiteLLM 在检查 {service} 的 API 密钥时出错（HTTP {status}）；当使用主密钥以外的密钥而它又连不上所需的数据库时（未安装 prisma 扩展）就会这样。请在设置中填入主密钥，或查看 LiteLLM 的日志。</translation>
    </message>
    <message>
        <source>LiteLLM at {url} could not check the API key of {service} (HTTP {status}): a key other than LiteLLM&apos;s master key is looked up in its database, and none is connected. Enter the master key in Settings, or connect a database to LiteLLM.</source>
        <translation>{url} 上的 LiteLLM 无法检查 {service} 的 API 密钥（HTTP {status}）：主密钥以外的密钥要在它的数据库中查找，而它没有连接数据库。请在设置中填入主密钥，或为 LiteLLM 连接数据库。</translation>
    </message>
    <message>
        <source>The address of {service}, {host}, could not be found (the name lookup failed). Check the spelling of the URL in Settings, and that this computer is online.</source>
        <translation>找不到 {service} 的地址 {host}（域名解析失败）。请检查设置中网址的拼写，并确认本机已联网。</translation>
    </message>
    <message>
        <source>The connection to {where} broke before the answer was complete. Try again; if it keeps happening, check the server&apos;s logs.</source>
        <translation>回答完成前与 {where} 的连接断开了。请重试；如果反复出现，请查看服务器日志。</translation>
    </message>
    <message>
        <source>The model is called {family}.</source>
        <translation>该模型名为 {family}。</translation>
    </message>
    <message>
        <source>The model name is missing.</source>
        <translation>缺少模型名称。</translation>
    </message>
    <message>
        <source>The namespace before &apos;/&apos; cannot contain a dot.</source>
        <translation>&apos;/&apos; 前面的命名空间不能包含点。</translation>
    </message>
    <message>
        <source>The proxy refused to connect to {where}. Check the proxy address and its credentials in Settings, or turn the proxy off for this provider.</source>
        <translation>代理拒绝连接到 {where}。请检查设置中的代理地址和凭据，或为此服务商关闭代理。</translation>
    </message>
    <message>
        <source>Could not connect to the proxy {proxy} that {service} goes through. Check that the proxy is running and its address in Settings, or choose System proxy or No proxy.</source>
        <translation>无法连接到 {service} 所经过的代理 {proxy}。请检查代理是否在运行以及设置中的代理地址，或选择“系统代理”或“不使用代理”。</translation>
    </message>
    <message>
        <source>The conversation is longer than the model at {where} can read (HTTP {status}). Start a new conversation, or choose a model with a larger context window.{said}</source>
        <translation>对话长度超出了 {where} 上的模型能读取的范围（HTTP {status}）。请开始新对话，或选择上下文窗口更大的模型。{said}</translation>
    </message>
    <message>
        <source>The request was too large for {where} (HTTP {status}). Start a new conversation, or attach fewer or smaller images.{said}</source>
        <translation>请求对 {where} 来说太大了（HTTP {status}）。请开始新对话，或少附加几张图片、改用更小的图片。{said}</translation>
    </message>
    <message>
        <source>{where} stopped responding for more than {seconds} seconds. The model may be stuck or the machine overloaded; try again, or pick a smaller model.</source>
        <translation>{where} 超过 {seconds} 秒没有响应。模型可能卡住了，或机器负载过高；请重试，或选择更小的模型。</translation>
    </message>
    <message>
        <source>{where} stopped responding. The model may be stuck or the machine overloaded; try again, or pick a smaller model.</source>
        <translation>{where} 停止响应。模型可能卡住了，或机器负载过高；请重试，或选择更小的模型。</translation>
    </message>
    <message>
        <source>The secure (TLS) connection to {where} failed ({reason}). Check that the URL starts with https:// only if the server speaks TLS.</source>
        <translation>与 {where} 的安全（TLS）连接失败（{reason}）。请确认只有服务器支持 TLS 时网址才以 https:// 开头。</translation>
    </message>
    <message>
        <source>The size belongs in the tag, after a &apos;:&apos;.</source>
        <translation>规模应写在标签里，放在 &apos;:&apos; 之后。</translation>
    </message>
    <message>
        <source>These characters are not allowed in a model name: {chars}</source>
        <translation>模型名称中不允许出现这些字符：{chars}</translation>
    </message>
    <message>
        <source>Tight: needs about {need} of this computer&apos;s {ram}; close other programs or pick a smaller size or quantization.</source>
        <translation>偏紧：大约需要 {need}，本机有 {ram}；请关闭其他程序，或选择更小的规模或量化。</translation>
    </message>
    <message>
        <source>Use &apos;:&apos; between the model name and its tag.</source>
        <translation>模型名称和标签之间请用 &apos;:&apos;。</translation>
    </message>
    <message>
        <source>Use one &apos;:&apos; between the model name and its tag, and nothing after it.</source>
        <translation>模型名称和标签之间只用一个 &apos;:&apos;，标签后不要再加内容。</translation>
    </message>
    <message>
        <source>Volcengine Ark (Doubao)</source>
        <translation>火山方舟（豆包）</translation>
    </message>
    <message>
        <source>Wait a moment and try again.</source>
        <translation>请稍等片刻再试。</translation>
    </message>
    <message>
        <source>a label the publisher chose; Parley does not know what it means</source>
        <translation>发布者自定的标签；Parley 不清楚其含义</translation>
    </message>
    <message>
        <source>a quantization Parley does not know; its size cannot be estimated</source>
        <translation>Parley 不认识的量化方式；无法估算其大小</translation>
    </message>
    <message>
        <source>about {count} billion parameters; more parameters usually means a smarter but slower model that needs more memory</source>
        <translation>约 {count}B 参数（B 即十亿）；参数越多通常越聪明，但也更慢、需要更多内存</translation>
    </message>
    <message>
        <source>about {count} million parameters: a very small, fast model for simple tasks</source>
        <translation>约 {count} 百万参数：非常小而快的模型，适合简单任务</translation>
    </message>
    <message>
        <source>can look at images you attach and talk about them</source>
        <translation>能看懂你附加的图片并讨论它们</translation>
    </message>
    <message>
        <source>distilled: a smaller model trained to imitate the answers of a larger one</source>
        <translation>蒸馏版：训练来模仿大模型回答的较小模型</translation>
    </message>
    <message>
        <source>downloaded from the registry at {host} instead of ollama.com</source>
        <translation>从 {host} 的仓库下载，而不是 ollama.com</translation>
    </message>
    <message>
        <source>downloaded straight from Hugging Face, not from the Ollama library</source>
        <translation>直接从 Hugging Face 下载，而不是 Ollama 模型库</translation>
    </message>
    <message>
        <source>effective {count} billion parameters: the model has more raw parameters but is built to run like a {count}B model</source>
        <translation>等效 {count}B 参数：模型的原始参数更多，但运行起来像一个 {count}B 模型</translation>
    </message>
    <message>
        <source>its refusal training was removed by the uploader; not an official build</source>
        <translation>上传者去除了它的拒答训练；非官方版本</translation>
    </message>
    <message>
        <source>mixture of experts: {experts} experts of about {count} billion parameters each; only a few work on each word, so it runs faster than its size, but all of them must fit in memory</source>
        <translation>混合专家：{experts} 个专家，每个约 {count}B 参数；每个词只有少数专家参与，所以比同等大小的模型快，但全部专家都必须放进内存</translation>
    </message>
    <message>
        <source>no quantization in the tag: Ollama uses the publisher&apos;s default, usually q4_K_M</source>
        <translation>标签中没有量化：Ollama 使用发布者的默认值，通常是 q4_K_M</translation>
    </message>
    <message>
        <source>published by {namespace}, not part of the official Ollama library; check who maintains it</source>
        <translation>由 {namespace} 发布，不属于 Ollama 官方模型库；请留意维护者是谁</translation>
    </message>
    <message>
        <source>quantization-aware training: trained to keep its quality when stored with 4 bits</source>
        <translation>量化感知训练：训练时就考虑了 4 位存储，能保持质量</translation>
    </message>
    <message>
        <source>reasons step by step before it answers; answers take longer, and the reasoning can be shown separately</source>
        <translation>回答前会逐步推理；回答更慢，推理过程可以单独显示</translation>
    </message>
    <message>
        <source>runs on Ollama&apos;s cloud servers, not on this computer; needs an ollama.com account</source>
        <translation>在 Ollama 的云服务器上运行，而不是本机；需要 ollama.com 账号</translation>
    </message>
    <message>
        <source>ternary quantization for models trained with 1.58-bit weights — about {bpw} bits per weight</source>
        <translation>三值量化，用于以 1.58 位权重训练的模型 — 每个权重约 {bpw} 位</translation>
    </message>
    <message>
        <source>the Hugging Face account {namespace} that uploaded this model</source>
        <translation>上传此模型的 Hugging Face 账号 {namespace}</translation>
    </message>
    <message>
        <source>the certificate is not trusted</source>
        <translation>证书不受信任</translation>
    </message>
    <message>
        <source>the model family; the tag after &apos;:&apos; picks the size and build</source>
        <translation>模型系列；&apos;:&apos; 后的标签决定规模和版本</translation>
    </message>
    <message>
        <source>the model it is built on</source>
        <translation>它所基于的模型</translation>
    </message>
    <message>
        <source>the raw pre-trained model, not tuned for chat: it continues text instead of answering questions</source>
        <translation>原始预训练模型，未针对对话调优：它会续写文字，而不是回答问题</translation>
    </message>
    <message>
        <source>the release of {date}</source>
        <translation>{date} 发布的版本</translation>
    </message>
    <message>
        <source>the release of {month}-{day} (month and day)</source>
        <translation>{month}-{day}（月-日）发布的版本</translation>
    </message>
    <message>
        <source>the release of {year}</source>
        <translation>{year} 年发布的版本</translation>
    </message>
    <message>
        <source>the release of {year}-{month}</source>
        <translation>{year}-{month} 发布的版本</translation>
    </message>
    <message>
        <source>the tag Ollama uses when you name none; it points to the build the publisher recommends, usually a mid-sized 4-bit one</source>
        <translation>未指定标签时 Ollama 使用的标签；指向发布者推荐的版本，通常是中等规模的 4 位量化版</translation>
    </message>
    <message>
        <source>trained especially for programming: writing, completing and explaining code</source>
        <translation>专为编程训练：编写、补全和解释代码</translation>
    </message>
    <message>
        <source>tuned for conversation</source>
        <translation>针对对话调优</translation>
    </message>
    <message>
        <source>tuned to follow instructions and hold a conversation; the right choice for chatting</source>
        <translation>经过调优，能遵循指令并进行对话；聊天就选它</translation>
    </message>
    <message>
        <source>turns text into vectors (lists of numbers) for search and similarity; it cannot chat or answer questions</source>
        <translation>把文本转成向量（一串数字）用于搜索和相似度计算；不能聊天或回答问题</translation>
    </message>
    <message>
        <source>{bits}-bit quantization — roughly {bpw} bits per weight</source>
        <translation>{bits} 位量化 — 每个权重大约 {bpw} 位</translation>
    </message>
    <message>
        <source>{count} billion parameters active per word (mixture of experts): faster than its total size suggests, but every parameter must still fit in memory</source>
        <translation>每个词激活 {count}B 参数（混合专家）：比总规模看起来更快，但所有参数仍需放进内存</translation>
    </message>
    <message>
        <source>{service} at {url}</source>
        <translation>{url} 上的 {service}</translation>
    </message>
    <message>
        <source>{where} asks for an API key (HTTP 401), and none is set. Enter the API key of {service} in Settings.{said}</source>
        <translation>{where} 要求提供 API 密钥（HTTP 401），但尚未设置。请在设置中填写 {service} 的 API 密钥。{said}</translation>
    </message>
    <message>
        <source>{where} did not accept the connection in time. Check that it is running and that the address in Settings is right.</source>
        <translation>{where} 没有及时接受连接。请检查它是否在运行，以及设置中的地址是否正确。</translation>
    </message>
    <message>
        <source>{where} does not know the model or address requested (HTTP {status}). Check the model name and the endpoint URL in Settings.{said}</source>
        <translation>{where} 不认识所请求的模型或地址（HTTP {status}）。请检查设置中的模型名称和端点网址。{said}</translation>
    </message>
    <message>
        <source>{where} refused access (HTTP {status}). Check the API key of {service} and the endpoint in Settings.{said}</source>
        <translation>{where} 拒绝访问（HTTP {status}）。请检查设置中 {service} 的 API 密钥和端点。{said}</translation>
    </message>
    <message>
        <source>{where} had an internal problem (HTTP {status}).{said} Try again in a moment; if it keeps happening, check the server&apos;s logs.</source>
        <translation>{where} 内部出错（HTTP {status}）。{said}请稍后重试；如果反复出现，请查看服务器日志。</translation>
    </message>
    <message>
        <source>{where} is limiting how many requests you may send. {wait}</source>
        <translation>{where} 正在限制你的请求频率。{wait}</translation>
    </message>
    <message>
        <source>{where} refused the request because the account&apos;s quota or credit is used up (HTTP {status}). Check the plan and billing of the account; waiting will not help.{said}</source>
        <translation>{where} 拒绝了请求，因为账户的额度或余额已用完（HTTP {status}）。请检查账户的套餐和账单；等待也无济于事。{said}</translation>
    </message>
    <message>
        <source>{where} rejected the request (HTTP {status}).{said} Check the model and its options.</source>
        <translation>{where} 拒绝了请求（HTTP {status}）。{said}请检查模型及其选项。</translation>
    </message>
    <message>
        <source>{where} sent a reply this app cannot read. Check that the endpoint URL in Settings points at the right service.</source>
        <translation>{where} 返回了本应用无法读取的内容。请检查设置中的端点网址是否指向正确的服务。</translation>
    </message>
    <message>
        <source>The history was written by a newer version of Parley (schema {schema}; this version knows {known}). Update Parley to open it.</source>
        <translation>聊天记录由更新版本的 Parley 写入（结构版本 {schema}；本版本只支持到 {known}）。请更新 Parley 后再打开。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>{where} stopped the answer: {said}. Wait a moment and try again.</source>
        <translation>{where} 停止了回答：{said}。请稍等片刻再试。</translation>
    </message>
    <message>
        <source>{where} refused access: {said}. Check the API key in Settings.</source>
        <translation>{where} 拒绝访问：{said}。请检查设置中的 API 密钥。</translation>
    </message>
    <message>
        <source>{where} does not know the model: {said}. Choose another model.</source>
        <translation>{where} 不认识该模型：{said}。请选择其他模型。</translation>
    </message>
    <message>
        <source>{where} rejected the request: {said}.</source>
        <translation>{where} 拒绝了请求：{said}。</translation>
    </message>
    <message>
        <source>{where} stopped the answer with an error ({kind}): {said}. Anthropic is overloaded right now; try again in a moment.</source>
        <translation>{where} 因错误（{kind}）停止了回答：{said}。Anthropic 当前负载过高；请稍后重试。</translation>
    </message>
    <message>
        <source>{where} stopped the answer with an error ({kind}): {said}. Try again in a moment.</source>
        <translation>{where} 因错误（{kind}）停止了回答：{said}。请稍后重试。</translation>
    </message>
    <message>
        <source>{where} stopped the answer before it was finished. Try again.</source>
        <translation>{where} 在回答完成前停止了。请重试。</translation>
    </message>
    <message>
        <source>{where} sent a reply this app cannot read ({shown}). Check that the endpoint URL in Settings points at the right kind of service.</source>
        <translation>{where} 返回了本应用无法读取的回复（{shown}）。请检查设置中的端点网址是否指向正确类型的服务。</translation>
    </message>
    <message>
        <source>{where} has no deployment by that name (HTTP 404). Check the deployment names, the endpoint and the API version in Settings; a new deployment can take a few minutes to appear. It said: {detail}</source>
        <translation>{where} 没有该名称的部署（HTTP 404）。请检查设置中的部署名称、端点和 API 版本；新部署可能需要几分钟才会出现。它返回：{detail}</translation>
    </message>
    <message>
        <source>The API key of {service} has not been confirmed for {host}. Open Settings and confirm the key for this provider&apos;s address; until then it is not sent.</source>
        <translation>{service} 的 API 密钥尚未确认用于 {host}。请打开设置，为此服务商的地址确认密钥；确认前不会发送。</translation>
    </message>
    <message>
        <source>this address</source>
        <translation>此地址</translation>
    </message>
    <message>
        <source>The API key of {service} was confirmed for {key_host}, but the provider now points at {host}. The key was not sent. If the new address is right, confirm the key for it in Settings.</source>
        <translation>{service} 的 API 密钥已确认用于 {key_host}，但服务商现在指向 {host}。密钥未发送。如果新地址正确，请在设置中为它确认密钥。</translation>
    </message>
    <message>
        <source>another address</source>
        <translation>另一个地址</translation>
    </message>
    <message>
        <source>{service} has no endpoint URL yet. Enter it in Settings.</source>
        <translation>{service} 还没有端点网址。请在设置中填写。</translation>
    </message>
    <message>
        <source>The endpoint URL of {service} still contains {names}. Replace it with your own value in Settings.</source>
        <translation>{service} 的端点网址仍包含 {names}。请在设置中替换为你自己的值。</translation>
    </message>
    <message>
        <source>The endpoint URL of {service} must start with http:// or https:// (it is {url}). Correct it in Settings.</source>
        <translation>{service} 的端点网址必须以 http:// 或 https:// 开头（当前为 {url}）。请在设置中更正。</translation>
    </message>
    <message>
        <source>The custom header name {name} of {service} is not valid. Use letters, digits and dashes only (for example X-Team-Id).</source>
        <translation>{service} 的自定义请求头名称 {name} 无效。只能使用字母、数字和连字符（例如 X-Team-Id）。</translation>
    </message>
    <message>
        <source>The value of the custom header {name} of {service} must be one line of plain ASCII text. Correct it in Settings.</source>
        <translation>{service} 的自定义请求头 {name} 的值必须是单行纯 ASCII 文本。请在设置中更正。</translation>
    </message>
    <message>
        <source>Ollama is not running at {url}. Start it with `ollama serve`, or set the Ollama host in Settings.</source>
        <translation>Ollama 未在 {url} 运行。请用 `ollama serve` 启动它，或在设置中设置 Ollama 主机。</translation>
    </message>
    <message>
        <source>Ollama stopped the answer before it was finished. The model may have crashed or Ollama restarted; try again.</source>
        <translation>Ollama 在回答完成前停止了。模型可能崩溃了，或 Ollama 重启了；请重试。</translation>
    </message>
    <message>
        <source>The model {model} is not installed in Ollama. Pull it in the model manager, or choose another model.</source>
        <translation>Ollama 中没有安装模型 {model}。请在模型管理中下载它，或选择其他模型。</translation>
    </message>
    <message>
        <source>{where} does not offer {path} (it answered “{detail}”). Check that the Ollama host in Settings points at Ollama, and update Ollama if it is old.</source>
        <translation>{where} 不提供 {path}（它返回“{detail}”）。请检查设置中的 Ollama 主机是否指向 Ollama；如果 Ollama 版本较旧，请更新。</translation>
    </message>
    <message>
        <source>{where} sent a reply this app cannot read ({shown}). Check that the Ollama host in Settings points at Ollama, and update Ollama if it is old.</source>
        <translation>{where} 返回了本应用无法读取的回复（{shown}）。请检查设置中的 Ollama 主机是否指向 Ollama；如果 Ollama 版本较旧，请更新。</translation>
    </message>
    <message>
        <source>Ollama reported an error while answering: {said}. Try again; if it repeats, look at the Ollama server log.</source>
        <translation>Ollama 在回答时报错：{said}。请重试；如果反复出现，请查看 Ollama 服务器日志。</translation>
    </message>
    <message>
        <source>Hugging Face refused {name}: the repository is gated. Accept its licence on huggingface.co and add Ollama&apos;s public key to your Hugging Face account, then press Retry.</source>
        <translation>Hugging Face 拒绝了 {name}：这个仓库需要授权。请在 huggingface.co 上接受它的许可协议，并把 Ollama 的公钥添加到你的 Hugging Face 账户，然后点“重试”。</translation>
    </message>
    <message>
        <source>No model named {name} in the registry; check the spelling (for example llama3.2 or qwen3:8b) on ollama.com/library.</source>
        <translation>仓库中没有名为 {name} 的模型；请在 ollama.com/library 核对拼写（例如 llama3.2 或 qwen3:8b）。</translation>
    </message>
    <message>
        <source>Ollama could not download {name}: {said}. Check the internet connection and try again.</source>
        <translation>Ollama 无法下载 {name}：{said}。请检查网络连接后重试。</translation>
    </message>
    <message>
        <source>The download of {name} stopped before it finished. Pull it again; Ollama resumes where it left off.</source>
        <translation>{name} 的下载在完成前停止了。请重新下载；Ollama 会从中断处继续。</translation>
    </message>
    <message>
        <source>{where} stopped the answer before it was finished. Try again; if it keeps happening, check the server or try another model.</source>
        <translation>{where} 在回答完成前停止了。请重试；如果反复出现，请检查服务器或换一个模型。</translation>
    </message>
    <message>
        <source>{where} stopped the answer because the account&apos;s quota or credit is used up: {said} Check the plan and billing of the account.</source>
        <translation>{where} 因账户的额度或余额已用完而停止了回答：{said} 请检查账户的套餐和账单。</translation>
    </message>
    <message>
        <source>{where} stopped the answer because of a rate limit: {said} Wait a moment and try again.</source>
        <translation>{where} 因频率限制而停止了回答：{said} 请稍等片刻再试。</translation>
    </message>
    <message>
        <source>{where} stopped the answer because access was refused: {said} Check the API key in Settings.</source>
        <translation>{where} 因拒绝访问而停止了回答：{said} 请检查设置中的 API 密钥。</translation>
    </message>
    <message>
        <source>{where} reported an error in the middle of the answer: {said} Try again; if it repeats, try another model.</source>
        <translation>{where} 在回答中途报错：{said} 请重试；如果反复出现，请换一个模型。</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>The pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>{label} is {size}; images up to {limit} can be attached. Save a smaller copy (for example as JPEG) and attach that.</source>
        <translation>{label} 有 {size}；只能附加不超过 {limit} 的图片。请另存一份更小的副本（例如 JPEG）再附加。</translation>
    </message>
    <message>
        <source>{label} is empty (0 bytes): there is no picture in it.</source>
        <translation>{label} 是空的（0 字节）：里面没有图片。</translation>
    </message>
    <message>
        <source>{label} is {width} × {height} pixels ({megapixels} megapixels); Parley attaches pictures of up to {limit} megapixels. Scale it down in an image editor and attach it again.</source>
        <translation>{label} 有 {width} × {height} 像素（{megapixels} 百万像素）；Parley 只附加不超过 {limit} 百万像素的图片。请在图片编辑器中缩小后再附加。</translation>
    </message>
    <message>
        <source>{label} is a PDF document, not a picture. Export the page as PNG and attach that.</source>
        <translation>{label} 是 PDF 文档，不是图片。请把页面导出为 PNG 再附加。</translation>
    </message>
    <message>
        <source>{label} is an SVG drawing, which chat models cannot read. Export it as PNG first.</source>
        <translation>{label} 是 SVG 矢量图，聊天模型无法读取。请先导出为 PNG。</translation>
    </message>
    <message>
        <source>{label} is not a picture although its name ends in {suffix}: its contents are not {formats} data. Check that it is the file you meant.</source>
        <translation>{label} 的文件名以 {suffix} 结尾，但它不是图片：内容不是 {formats} 数据。请确认这是你要的文件。</translation>
    </message>
    <message>
        <source>{label} is not a picture: its contents are not {formats} data. Check that it is the file you meant.</source>
        <translation>{label} 不是图片：内容不是 {formats} 数据。请确认这是你要的文件。</translation>
    </message>
    <message>
        <source>{label} looks damaged: its picture could not be decoded ({detail}). Open it in an image viewer; if it shows, save it again as PNG or JPEG and attach that.</source>
        <translation>{label} 似乎已损坏：无法解码其中的图片（{detail}）。请用图片查看器打开；如果能显示，请另存为 PNG 或 JPEG 再附加。</translation>
    </message>
    <message>
        <source>{label} has far too many pixels to attach (over {limit} megapixels). Scale it down first.</source>
        <translation>{label} 的像素太多，无法附加（超过 {limit} 百万像素）。请先缩小。</translation>
    </message>
    <message>
        <source>{label} is a {kind} image; Parley attaches {formats} pictures. Save it as PNG or JPEG and attach it again.</source>
        <translation>{label} 是 {kind} 图片；Parley 只附加 {formats} 图片。请另存为 PNG 或 JPEG 再附加。</translation>
    </message>
    <message>
        <source>{label} is a folder, not a picture.</source>
        <translation>{label} 是文件夹，不是图片。</translation>
    </message>
    <message>
        <source>{label} no longer exists at {folder}.</source>
        <translation>{label} 已不在 {folder} 中。</translation>
    </message>
    <message>
        <source>Parley may not read {label}: permission denied. Copy it somewhere you can read, then attach the copy.</source>
        <translation>Parley 无权读取 {label}：权限被拒绝。请把它复制到可读取的位置，再附加副本。</translation>
    </message>
    <message>
        <source>{label} could not be read: {reason}.</source>
        <translation>无法读取 {label}：{reason}。</translation>
    </message>
    <message>
        <source>{label} is incomplete: the clipboard held too few pixels.</source>
        <translation>{label} 不完整：剪贴板中的像素不足。</translation>
    </message>
    <message>
        <source>{label} is a {kind} image, not PNG or JPEG.</source>
        <translation>{label} 是 {kind} 图片，不是 PNG 或 JPEG。</translation>
    </message>
    <message>
        <source>The download queue {file} could not be read ({error}); the queue starts empty.</source>
        <translation>无法读取下载队列 {file}（{error}）；队列将从空开始。</translation>
    </message>
    <message>
        <source>it does not hold a list of downloads</source>
        <translation>其中没有下载列表</translation>
    </message>
    <message>
        <source>Start a Secret Service (GNOME Keyring or KWallet) and unlock it, then restart Parley.</source>
        <translation>请启动 Secret Service（GNOME 密钥环或 KWallet）并解锁，然后重启 Parley。</translation>
    </message>
    <message>
        <source>Check that the login Keychain is available and unlocked, then restart Parley.</source>
        <translation>请确认登录钥匙串可用且已解锁，然后重启 Parley。</translation>
    </message>
    <message>
        <source>Check that the Windows Credential Manager service is running, then restart Parley.</source>
        <translation>请确认 Windows 凭据管理器服务正在运行，然后重启 Parley。</translation>
    </message>
    <message>
        <source>Install a system keyring, then restart Parley.</source>
        <translation>请安装系统密钥环，然后重启 Parley。</translation>
    </message>
    <message>
        <source>{backend} is not one of this platform&apos;s own keyrings. {todo}</source>
        <translation>{backend} 不是本平台自带的密钥环。{todo}</translation>
    </message>
    <message>
        <source>{label}: {what}. Unlock or restart the keyring, then restart Parley.</source>
        <translation>{label}：{what}。请解锁或重启密钥环，然后重启 Parley。</translation>
    </message>
    <message>
        <source>{file} could not be read ({error}); default settings are in use.</source>
        <translation>无法读取 {file}（{error}）；正在使用默认设置。</translation>
    </message>
    <message>
        <source>{reason} The file could not be moved aside: {error}.</source>
        <translation>{reason}也无法把该文件移到一旁：{error}。</translation>
    </message>
    <message>
        <source>{reason} The old file was kept as {kept}.</source>
        <translation>{reason}旧文件已保留为 {kept}。</translation>
    </message>
    <message>
        <source>Some settings in {file} had invalid values and were reset to their defaults: {names}.</source>
        <translation>{file} 中的部分设置取值无效，已恢复为默认值：{names}。</translation>
    </message>
    <message>
        <source>The download of {name} received nothing for {seconds} seconds; trying again (Ollama resumes where it stopped).</source>
        <translation>{name} 的下载已 {seconds} 秒没有收到数据；正在重试（Ollama 会从中断处继续）。</translation>
    </message>
    <message>
        <source>The disk that holds Ollama&apos;s models is full. Free some space (delete models you no longer use) and press Retry; the download resumes where it stopped.</source>
        <translation>存放 Ollama 模型的磁盘已满。请腾出一些空间（删除不再使用的模型）后点击重试；下载会从中断处继续。</translation>
    </message>
    <message>
        <source>The Ollama host in Settings</source>
        <translation>设置中的 Ollama 主机</translation>
    </message>
    <message>
        <source>The OLLAMA_HOST environment variable</source>
        <translation>环境变量 OLLAMA_HOST</translation>
    </message>
    <message>
        <source>{source} ({value}) is not a usable address: {reason}. Use a form like 127.0.0.1:11434 or http://host:11434.</source>
        <translation>{source}（{value}）不是可用的地址：{reason}。请使用 127.0.0.1:11434 或 http://host:11434 这样的形式。</translation>
    </message>
    <message>
        <source>the scheme {scheme} is not supported, only http and https</source>
        <translation>不支持协议 {scheme}，只支持 http 和 https</translation>
    </message>
    <message>
        <source>there is no host after the scheme</source>
        <translation>协议后面没有主机</translation>
    </message>
    <message>
        <source>an IPv6 address must be written in brackets, like [::1]:11434</source>
        <translation>IPv6 地址必须写在方括号中，例如 [::1]:11434</translation>
    </message>
    <message>
        <source>the brackets around the IPv6 address do not match</source>
        <translation>IPv6 地址两侧的方括号不匹配</translation>
    </message>
    <message>
        <source>the port must be a number from 1 to 65535</source>
        <translation>端口必须是 1 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>{host} is not a valid host name</source>
        <translation>{host} 不是有效的主机名</translation>
    </message>
    <message>
        <source>The conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Message {number}</source>
        <translation>第 {number} 条消息</translation>
    </message>
    <message>
        <source>{where}: “{name}” is missing or not a {kind}.</source>
        <translation>{where}：“{name}”缺失或不是 {kind}。</translation>
    </message>
    <message>
        <source>{where}: “{name}” is not a date ({text}).</source>
        <translation>{where}：“{name}”不是日期（{text}）。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (line {line}, column {column}).</source>
        <translation>该文件不是有效的 JSON（第 {line} 行，第 {column} 列）。</translation>
    </message>
    <message>
        <source>The file is not a conversation exported by Parley.</source>
        <translation>该文件不是 Parley 导出的对话。</translation>
    </message>
    <message>
        <source>The file was written by a newer Parley (format version {version}); update Parley.</source>
        <translation>该文件由更新版本的 Parley 写入（格式版本 {version}）；请更新 Parley。</translation>
    </message>
    <message>
        <source>The file has no list of messages.</source>
        <translation>该文件没有消息列表。</translation>
    </message>
    <message>
        <source>{where} is not an object.</source>
        <translation>{where} 不是对象。</translation>
    </message>
    <message>
        <source>{where}: its parent is not an earlier message of the file.</source>
        <translation>{where}：它的上一条不是文件中更早的消息。</translation>
    </message>
    <message>
        <source>{where}: {error}.</source>
        <translation>{where}：{error}。</translation>
    </message>
    <message>
        <source>{where} attaches an image the file does not hold ({digest}…).</source>
        <translation>{where} 附带的图片不在文件中（{digest}…）。</translation>
    </message>
    <message>
        <source>{where}: “images” is not a list of image digests.</source>
        <translation>{where}：“images”不是图片摘要列表。</translation>
    </message>
    <message>
        <source>The file&apos;s “images” is not a list.</source>
        <translation>该文件的“images”不是列表。</translation>
    </message>
    <message>
        <source>Image {number}</source>
        <translation>第 {number} 张图片</translation>
    </message>
    <message>
        <source>{where}: its data is not valid base64 ({error}).</source>
        <translation>{where}：其数据不是有效的 base64（{error}）。</translation>
    </message>
    <message>
        <source>{where} is damaged: its data does not match its sha256.</source>
        <translation>{where} 已损坏：其数据与 sha256 不符。</translation>
    </message>
    <message>
        <source>An attached image is not a PNG, JPEG, GIF or WebP file, the formats chat models accept. Convert it to PNG or JPEG and attach it again.</source>
        <translation>附加的图片不是聊天模型接受的 PNG、JPEG、GIF 或 WebP 格式。请转换为 PNG 或 JPEG 后重新附加。</translation>
    </message>
    <message>
        <source>The server sent a line longer than {size} MiB without a line break; this is not a stream of JSON lines.</source>
        <translation>服务器发送了超过 {size} MiB 且没有换行的一行；这不是 JSON 行流。</translation>
    </message>
    <message>
        <source>The server sent a line that is not a JSON object: {line}</source>
        <translation>服务器发送的一行不是 JSON 对象：{line}</translation>
    </message>
    <message>
        <source>Ollama&apos;s model list is not a list. Check that the Ollama host in Settings points at Ollama.</source>
        <translation>Ollama 的模型列表不是列表。请检查设置中的 Ollama 主机是否指向 Ollama。</translation>
    </message>
    <message>
        <source>Ollama listed a model without a name. Update Ollama, or check that the host in Settings points at Ollama.</source>
        <translation>Ollama 列出了一个没有名称的模型。请更新 Ollama，或检查设置中的主机是否指向 Ollama。</translation>
    </message>
    <message>
        <source>The server sent an event larger than {size} MiB; this is not a stream of server-sent events.</source>
        <translation>服务器发送的事件超过 {size} MiB；这不是服务器发送事件（SSE）流。</translation>
    </message>
    <message>
        <source>The model called {tool} with arguments that cannot be used ({reason}). The tool was not run; the model was told so.</source>
        <translation>模型调用 {tool} 时给出的参数无法使用（{reason}）。该工具没有运行，已告知模型。</translation>
    </message>
    <message>
        <source>{model} at {where} cannot use tools. Ask again without tools, or choose a model that supports them.</source>
        <translation>{where} 上的 {model} 不能使用工具。请不用工具再问一次，或选择支持工具的模型。</translation>
    </message>
    <message>
        <source>it does not hold a JSON object</source>
        <translation>其中没有 JSON 对象</translation>
    </message>
    <message>
        <source>its version is not a number</source>
        <translation>其版本号不是数字</translation>
    </message>
    <message>
        <source>it was written by a newer Parley (prompt format {version}; this one reads up to {supported})</source>
        <translation>它由更新版本的 Parley 写入（提示词格式 {version}；此版本最多能读 {supported}）</translation>
    </message>
    <message>
        <source>it is a {format} file, not a prompt library</source>
        <translation>它是 {format} 文件，不是提示词库</translation>
    </message>
    <message>
        <source>it has no list of prompts</source>
        <translation>其中没有提示词列表</translation>
    </message>
    <message>
        <source>it is not an object</source>
        <translation>它不是一个对象</translation>
    </message>
    <message>
        <source>it has no name</source>
        <translation>它没有名称</translation>
    </message>
    <message>
        <source>it has no text</source>
        <translation>它没有内容</translation>
    </message>
    <message>
        <source>its kind is not prompt or persona</source>
        <translation>其类型既不是提示词也不是角色</translation>
    </message>
    <message>
        <source>its tags are not a list of words</source>
        <translation>其标签不是词语列表</translation>
    </message>
    <message>
        <source>prompt number {number} cannot be read: {reason}</source>
        <translation>第 {number} 个提示词无法读取：{reason}</translation>
    </message>
    <message>
        <source>Stopped after {rounds} rounds of tool calls (the limit set in Settings). The answer so far is kept; ask again to continue.</source>
        <translation>已在 {rounds} 轮工具调用后停止（设置中的上限）。已有的回答会保留；再问一次即可继续。</translation>
    </message>
    <message>
        <source>Stopped: the model kept making the same call ({tools}). The answer so far is kept.</source>
        <translation>已停止：模型一直在重复同一个调用（{tools}）。已有的回答会保留。</translation>
    </message>
    <message>
        <source>npx comes with Node.js: install Node.js (nodejs.org, or your package manager).</source>
        <translation>npx 随 Node.js 提供：请安装 Node.js（nodejs.org，或通过你的包管理器）。</translation>
    </message>
    <message>
        <source>uvx comes with uv: install it with `pip install uv` or astral&apos;s installer (docs.astral.sh/uv).</source>
        <translation>uvx 随 uv 提供：用 `pip install uv` 或 astral 的安装程序安装（docs.astral.sh/uv）。</translation>
    </message>
    <message>
        <source>Install Docker (Docker Desktop or Docker Engine) and make sure it is running.</source>
        <translation>请安装 Docker（Docker Desktop 或 Docker Engine）并确保它正在运行。</translation>
    </message>
    <message>
        <source>Install Python 3 (python.org, or your package manager).</source>
        <translation>请安装 Python 3（python.org，或通过你的包管理器）。</translation>
    </message>
    <message>
        <source>Install Node.js (nodejs.org, or your package manager).</source>
        <translation>请安装 Node.js（nodejs.org，或通过你的包管理器）。</translation>
    </message>
    <message>
        <source>bunx comes with Bun: install Bun (bun.sh).</source>
        <translation>bunx 随 Bun 提供：请安装 Bun（bun.sh）。</translation>
    </message>
    <message>
        <source>Install Deno (deno.com).</source>
        <translation>请安装 Deno（deno.com）。</translation>
    </message>
    <message>
        <source>Install it, or give its full path as the server&apos;s command.</source>
        <translation>请安装它，或者把它的完整路径填作服务器的命令。</translation>
    </message>
    <message>
        <source>The command {command} was not found on this computer. {hint}</source>
        <translation>在这台电脑上找不到命令 {command}。{hint}</translation>
    </message>
    <message>
        <source>No such server.</source>
        <translation>没有这个服务器。</translation>
    </message>
    <message>
        <source>Off.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <source>The server did not start: {reason}</source>
        <translation>服务器没有启动：{reason}</translation>
    </message>
    <message>
        <source>The server stopped by itself. {last}</source>
        <translation>服务器自行停止了。{last}</translation>
    </message>
    <message>
        <source>Ended after a cancelled call, because it stopped answering. It starts again when next needed.</source>
        <translation>一次调用被取消后它不再响应，因此已结束。下次需要时会重新启动。</translation>
    </message>
    <message>
        <source>The working folder {folder} does not exist.</source>
        <translation>工作文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>This is not valid JSON (line {line}, column {column}: {error}).</source>
        <translation>这不是有效的 JSON（第 {line} 行第 {column} 列：{error}）。</translation>
    </message>
    <message>
        <source>The JSON must be an object with &quot;mcpServers&quot; in it.</source>
        <translation>JSON 必须是一个包含 &quot;mcpServers&quot; 的对象。</translation>
    </message>
    <message>
        <source>This looks like one server: put it inside {&quot;mcpServers&quot;: {&quot;name&quot;: …}}.</source>
        <translation>这看起来是单个服务器：请把它放进 {&quot;mcpServers&quot;: {&quot;name&quot;: …}} 中。</translation>
    </message>
    <message>
        <source>The JSON has no &quot;mcpServers&quot; object naming the servers.</source>
        <translation>JSON 中没有列出服务器的 &quot;mcpServers&quot; 对象。</translation>
    </message>
    <message>
        <source>&quot;mcpServers&quot; names no servers.</source>
        <translation>&quot;mcpServers&quot; 中没有任何服务器。</translation>
    </message>
    <message>
        <source>A server has no name; it was skipped.</source>
        <translation>有一个服务器没有名称，已跳过。</translation>
    </message>
    <message>
        <source>{name}: its settings are not a JSON object; skipped.</source>
        <translation>{name}：它的设置不是 JSON 对象，已跳过。</translation>
    </message>
    <message>
        <source>{name} uses the old SSE transport, which Parley does not support; use its Streamable HTTP address instead. Skipped.</source>
        <translation>{name} 使用旧的 SSE 传输方式，Parley 不支持；请改用它的 Streamable HTTP 地址。已跳过。</translation>
    </message>
    <message>
        <source>{name}: &quot;url&quot; must be an http:// or https:// address; skipped.</source>
        <translation>{name}：&quot;url&quot; 必须是 http:// 或 https:// 地址，已跳过。</translation>
    </message>
    <message>
        <source>{name} has neither a &quot;command&quot; nor a &quot;url&quot;; it was skipped.</source>
        <translation>{name} 既没有 &quot;command&quot; 也没有 &quot;url&quot;，已跳过。</translation>
    </message>
    <message>
        <source>{name}: &quot;args&quot; must be a list of strings; skipped.</source>
        <translation>{name}：&quot;args&quot; 必须是字符串列表，已跳过。</translation>
    </message>
    <message>
        <source>{name}: &quot;env&quot; must be an object of names and values; skipped.</source>
        <translation>{name}：&quot;env&quot; 必须是由名称和值组成的对象，已跳过。</translation>
    </message>
    <message>
        <source>{name}: &quot;headers&quot; must be an object of names and values; skipped.</source>
        <translation>{name}：&quot;headers&quot; 必须是由名称和值组成的对象，已跳过。</translation>
    </message>
    <message>
        <source>{file} could not be read ({error}); no MCP servers are set.</source>
        <translation>无法读取 {file}（{error}）；没有设置任何 MCP 服务器。</translation>
    </message>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is not a GGUF model file. Ollama imports models in GGUF format (files ending in .gguf, as found on Hugging Face).</source>
        <translation>{file} 不是 GGUF 模型文件。Ollama 导入的是 GGUF 格式的模型（以 .gguf 结尾的文件，例如 Hugging Face 上的那些）。</translation>
    </message>
    <message>
        <source>{file} is incomplete: the file ends before the model&apos;s data does. Download or copy it again.</source>
        <translation>{file} 不完整：文件在模型数据结束之前就结束了。请重新下载或复制。</translation>
    </message>
    <message>
        <source>Ollama did not create {name}: {said}</source>
        <translation>Ollama 没有创建 {name}：{said}</translation>
    </message>
    <message>
        <source>Creating {name} stopped before Ollama finished. Check the Ollama server log and try again.</source>
        <translation>创建 {name} 在 Ollama 完成之前就停止了。请查看 Ollama 服务器日志后重试。</translation>
    </message>
    <message>
        <source>Ollama did not accept {file}: {said}</source>
        <translation>Ollama 没有接受 {file}：{said}</translation>
    </message>
    <message>
        <source>“{field}” is missing or of another kind: the export may come from a newer version of the app than Parley knows.</source>
        <translation>“{field}”缺失或类型不对：这个导出文件可能来自 Parley 尚不认识的新版本应用。</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text.</source>
        <translation>这个文件不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>A conversation in the file (or an app&apos;s whole backup, which is one piece) is larger than {limit} MB; Parley does not read it.</source>
        <translation>文件中有一个对话（或某个应用的整份备份，它是一个整体）超过 {limit} MB；Parley 不读取它。</translation>
    </message>
    <message>
        <source>The file ends in the middle: it is incomplete (truncated).</source>
        <translation>文件在中途结束：它不完整（被截断）。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件是空的。</translation>
    </message>
    <message>
        <source>The file has more after its JSON.</source>
        <translation>文件在 JSON 之后还有其他内容。</translation>
    </message>
    <message>
        <source>The file is not a JSON list of conversations.</source>
        <translation>这个文件不是对话的 JSON 列表。</translation>
    </message>
    <message>
        <source>The zip file is damaged or incomplete (was the download cut short?).</source>
        <translation>zip 文件已损坏或不完整（下载是否中断了？）。</translation>
    </message>
    <message>
        <source>The file cannot be read: {error}</source>
        <translation>无法读取文件：{error}</translation>
    </message>
    <message>
        <source>The zip file holds no conversations.json.</source>
        <translation>zip 文件中没有 conversations.json。</translation>
    </message>
    <message>
        <source>The file holds no conversations.</source>
        <translation>文件中没有对话。</translation>
    </message>
    <message>
        <source>This Cherry Studio backup holds no conversations (topics).</source>
        <translation>这个 Cherry Studio 备份中没有对话（话题）。</translation>
    </message>
    <message>
        <source>This Chatbox backup holds no conversations (was “Chat History” ticked when it was exported?).</source>
        <translation>这个 Chatbox 备份中没有对话（导出时是否勾选了“聊天记录”？）。</translation>
    </message>
    <message>
        <source>Parley does not know this file: it is not an export of ChatGPT, Claude, DeepSeek, Open WebUI, Chatbox, Cherry Studio or Parley (or one from a newer version of the app, with another shape).</source>
        <translation>Parley 不认识此文件：它不是 ChatGPT、Claude、DeepSeek、Open WebUI、Chatbox、Cherry Studio 或 Parley 的导出文件（或者来自该应用的较新版本，格式已不同）。</translation>
    </message>
    <message>
        <source>Conversation {number} cannot be read ({error}).</source>
        <translation>无法读取第 {number} 个对话（{error}）。</translation>
    </message>
    <message>
        <source>This {app} backup has format version {version}, newer than the versions Parley reads (up to {known}). Make the backup again with the app&apos;s JSON export, or update Parley.</source>
        <translation>这个 {app} 备份的格式版本为 {version}，比 Parley 能读的版本（最高 {known}）更新。请用该应用的 JSON 导出重新备份，或更新 Parley。</translation>
    </message>
    <message>
        <source>Conversation {number} does not have the shape of the others in the file.</source>
        <translation>第 {number} 个对话的结构与文件中的其他对话不同。</translation>
    </message>
    <message>
        <source>The backup could not be written to {folder}: {error}.</source>
        <translation>无法把备份写入 {folder}：{error}。</translation>
    </message>
    <message>
        <source>{file} is not a Parley backup.</source>
        <translation>{file} 不是 Parley 备份。</translation>
    </message>
    <message>
        <source>{file} is cut short ({size} of {expected} bytes): it was not copied whole.</source>
        <translation>{file} 不完整（{expected} 字节中只有 {size}）：它没有被完整复制。</translation>
    </message>
    <message>
        <source>{file} could not be read: {error}.</source>
        <translation>无法读取 {file}：{error}。</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be restored: {error}.</source>
        <translation>{file} 已损坏，无法恢复：{error}。</translation>
    </message>
    <message>
        <source>{file} was made by a newer version of Parley ({version}). Update Parley to restore it.</source>
        <translation>{file} 由更新版本的 Parley({version})创建。请更新 Parley 后再恢复。</translation>
    </message>
    <message>
        <source>An answer is still being written. Stop it or let it finish, then restore.</source>
        <translation>还有回答正在写入。请停止它或等它完成，然后再恢复。</translation>
    </message>
    <message>
        <source>Conversations are being imported. Let the import finish or cancel it, then restore.</source>
        <translation>正在导入对话。请等导入完成或取消它，然后再恢复。</translation>
    </message>
    <message>
        <source>The history is open in another program; close it, then restore.</source>
        <translation>历史记录正被另一个程序打开；请关闭它，然后再恢复。</translation>
    </message>
    <message>
        <source>The per-model defaults {file} could not be read ({error}); new chats start with the usual settings.</source>
        <translation>无法读取按模型保存的默认设置 {file}({error})；新对话以常规设置开始。</translation>
    </message>
    <message>
        <source>Concise assistant</source>
        <translation>简洁助手</translation>
    </message>
    <message>
        <source>You are a concise assistant. Answer directly in as few words as the question allows, without preamble or repetition. Use a short list when it is clearer than prose. Say plainly when you do not know.</source>
        <translation>你是一位简洁的助手。用问题允许的最少字数直接回答，不要开场白，不要重复。列表比段落更清楚时就用简短的列表。不知道时直接说不知道。</translation>
    </message>
    <message>
        <source>Translator (Chinese ↔ English)</source>
        <translation>翻译（中文 ↔ 英文）</translation>
    </message>
    <message>
        <source>You are a professional translator between Chinese and English. When the message is in Chinese, translate it into natural English; otherwise translate it into natural Simplified Chinese. Keep the meaning, tone and formatting (lists, code, names). Reply with the translation only.</source>
        <translation>你是一位专业的中英翻译。消息是中文时，把它译成自然的英文；否则译成自然的简体中文。保留原意、语气和格式（列表、代码、名称）。只回复译文。</translation>
    </message>
    <message>
        <source>Code reviewer</source>
        <translation>代码审查员</translation>
    </message>
    <message>
        <source>You are a careful senior code reviewer. For the code you are given, point out bugs first, then security problems, then unclear names or structure, each with the line it concerns and a concrete fix. Do not rewrite code that is fine. End with a one-line verdict.</source>
        <translation>你是一位细致的资深代码审查员。对给你的代码，先指出缺陷，再指出安全问题，然后是不清晰的命名或结构，每一条都注明所在的行并给出具体修改。没有问题的代码不要重写。最后用一行给出结论。</translation>
    </message>
    <message>
        <source>Writing editor</source>
        <translation>写作编辑</translation>
    </message>
    <message>
        <source>You are an experienced editor. Improve the clarity, grammar and flow of the text you are given while keeping the author&apos;s voice and meaning. Return the edited text, then a short list of the most important changes and why.</source>
        <translation>你是一位经验丰富的编辑。在保留作者语气和原意的前提下，改进所给文字的清晰度、语法和行文。先给出修改后的文字，再简要列出最重要的改动及其原因。</translation>
    </message>
    <message>
        <source>Patient teacher</source>
        <translation>耐心的老师</translation>
    </message>
    <message>
        <source>You are a patient teacher. Explain step by step, starting from what the learner already knows, with one small example per idea. Check understanding with a short question at the end.</source>
        <translation>你是一位耐心的老师。从学习者已知的内容出发，一步一步地讲解，每个概念配一个小例子。最后用一个简短的问题检查理解程度。</translation>
    </message>
    <message>
        <source>Explain simply</source>
        <translation>通俗解释</translation>
    </message>
    <message>
        <source>Explain {{topic}} in simple words, as to someone new to it, with one everyday example.</source>
        <translation>用简单的话解释 {{topic}}，就像讲给初次接触的人听，并举一个日常的例子。</translation>
    </message>
    <message>
        <source>Summarize</source>
        <translation>总结</translation>
    </message>
    <message>
        <source>Summarize the following in {{length}} bullet points, keeping names and numbers exact:

{{text}}</source>
        <translation>用 {{length}} 个要点总结以下内容，名称和数字保持准确：

{{text}}</translation>
    </message>
    <message>
        <source>{name} is a {kind} file, which Parley cannot read. Add PDF, Word (.docx), Markdown, HTML, plain text or source code files.</source>
        <translation>{name} 是 {kind} 文件，Parley 无法读取。请添加 PDF、Word (.docx)、Markdown、HTML、纯文本或源代码文件。</translation>
    </message>
    <message>
        <source>{name} is {size} MB; Parley reads documents up to {limit} MB. Split it, or add only the part you want to ask about.</source>
        <translation>{name} 大小为 {size} MB；Parley 只读取不超过 {limit} MB 的文档。请拆分它，或只添加你想询问的部分。</translation>
    </message>
    <message>
        <source>{name} is protected by a password, so its text cannot be read. Save a copy without the password and add that.</source>
        <translation>{name} 受密码保护，无法读取其文字。请另存一份不带密码的副本再添加。</translation>
    </message>
    <message>
        <source>{name} has no text to read on any of its {pages} pages: it is probably scanned images. Run it through text recognition (OCR) first, then add it again.</source>
        <translation>{name} 的 {pages} 页中都没有可读取的文字：它可能是扫描图像。请先进行文字识别（OCR），再重新添加。</translation>
    </message>
    <message>
        <source>{name} contains no text.</source>
        <translation>{name} 不含文字。</translation>
    </message>
    <message>
        <source>{name} could not be read: the file is damaged or not what its name says.</source>
        <translation>无法读取 {name}：文件已损坏，或与其名称所示的类型不符。</translation>
    </message>
    <message>
        <source>Parley could not read {name}: its reader stopped (exit status {status}). The file may be damaged; save a new copy of it from the program that made it, then add that copy.</source>
        <translation>Parley 无法读取 {name}：读取程序意外停止（退出状态 {status}）。文件可能已损坏；请用创建它的程序另存一份新副本，再添加那份副本。</translation>
    </message>
    <message>
        <source>{model} is a chat model: it cannot turn documents into embeddings. Choose an embedding model for documents, for example nomic-embed-text, all-minilm or bge-m3.</source>
        <translation>{model} 是对话模型：它无法把文档转换为嵌入向量。请为文档选择嵌入模型，例如 nomic-embed-text、all-minilm 或 bge-m3。</translation>
    </message>
    <message>
        <source>{where} did not send embeddings for {model} ({shown}). Check that the model is an embedding model and that the address points at the right service.</source>
        <translation>{where} 没有返回 {model} 的嵌入向量（{shown}）。请确认该模型是嵌入模型，并且地址指向正确的服务。</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>文件夹需要一个名称。</translation>
    </message>
    <message>
        <source>A folder name can be at most {limit} characters.</source>
        <translation>文件夹名称最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>There is already a folder named “{name}” here.</source>
        <translation>这里已有名为“{name}”的文件夹。</translation>
    </message>
    <message>
        <source>That folder no longer exists.</source>
        <translation>该文件夹已不存在。</translation>
    </message>
    <message>
        <source>Folders nest one level deep: a sub-folder cannot hold folders.</source>
        <translation>文件夹只能嵌套一层：子文件夹中不能再建文件夹。</translation>
    </message>
    <message>
        <source>The prompt library {file} could not be read ({error}); it starts empty.</source>
        <translation>无法读取提示词库 {file}（{error}）；将以空库开始。</translation>
    </message>
    <message>
        <source>{service} offers no embeddings to Parley. Choose an Ollama or OpenAI-compatible provider for documents.</source>
        <translation>{service} 不向 Parley 提供嵌入向量。请为文档选择 Ollama 或 OpenAI 兼容的服务商。</translation>
    </message>
    <message>
        <source>No embedding model is chosen for documents. Choose one in Settings → Documents (for example nomic-embed-text or all-minilm).</source>
        <translation>尚未为文档选择嵌入模型。请在 设置 → 文档 中选择一个（例如 nomic-embed-text 或 all-minilm）。</translation>
    </message>
    <message>
        <source>The provider chosen for document embeddings ({provider}) is no longer set up or is turned off. Choose another in Settings → Documents.</source>
        <translation>为文档向量选择的提供方（{provider}）已不存在或已关闭。请在 设置 → 文档 中另选一个。</translation>
    </message>
    <message>
        <source>no embedding model chosen</source>
        <translation>未选择嵌入模型</translation>
    </message>
    <message>
        <source>{model} on a provider that is no longer set up</source>
        <translation>{model}（所在的提供方已不存在）</translation>
    </message>
    <message>
        <source>{model} on {service} ({url}, not this computer)</source>
        <translation>{model}，位于 {service}（{url}，不在这台电脑上）</translation>
    </message>
    <message>
        <source>{model} on {service} (this computer)</source>
        <translation>{model}，位于 {service}（这台电脑）</translation>
    </message>
    <message>
        <source>The embedding provider is not allowed yet.</source>
        <translation>尚未允许使用该嵌入提供方。</translation>
    </message>
    <message>
        <source>Sent whole while it fits. Choose an embedding model to search it when the conversation grows.</source>
        <translation>放得下时整篇发送。选择一个嵌入模型，以便对话变长后仍能检索它。</translation>
    </message>
    <message>
        <source>Too long to send whole, and no embedding model is chosen to search it. Choose one in Settings → Documents.</source>
        <translation>太长，无法整篇发送，且未选择用于检索的嵌入模型。请在 设置 → 文档 中选择一个。</translation>
    </message>
    <message>
        <source>To index it, its text goes to {where}. Nothing is sent until you allow it.</source>
        <translation>索引它需要把文本发送到 {where}。在你允许之前不会发送任何内容。</translation>
    </message>
    <message>
        <source>Documents are not sent to {where} until you allow it in Settings → Documents.</source>
        <translation>在你于 设置 → 文档 中允许之前，文档不会发送到 {where}。</translation>
    </message>
</context>
</TS>
