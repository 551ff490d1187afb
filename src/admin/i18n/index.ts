import en from "./json/en.json"
import zhCN from "./json/zhCN.json"

// Keys are the dashboard's language codes (zhCN, not zh-CN); strings merge into its "translation" namespace.
export default {
  en: { translation: en },
  zhCN: { translation: zhCN },
}
