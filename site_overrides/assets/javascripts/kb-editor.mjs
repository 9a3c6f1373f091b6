// Entry: the editor at admin/ (loaded only by admin/index.html, after Decap CMS itself).
import "./kb/editor/main.mjs";
