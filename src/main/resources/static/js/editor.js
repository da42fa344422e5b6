// Progressive enhancement of the edition body (admin/content/form.html): TinyMCE 6 (MIT, WebJar) replaces the
// <textarea class="body-editor">. Without JavaScript the textarea is posted as it is; either way the server sanitises the
// body with BodySanitizer, so this configuration only keeps the editor from offering what the server would drop.
(function () {
  'use strict';

  var textarea = document.querySelector('textarea.body-editor');
  if (!textarea || typeof window.tinymce === 'undefined') { return; }

  // The same allow-list as BodySanitizer: Word's classes, styles, spans, fonts and <o:p> are dropped when pasting.
  var VALID_ELEMENTS = 'p,br,h2,h3,h4,h5,ul,ol,li,strong/b,em/i,u,sub,sup,blockquote,hr,'
      + 'table,caption,thead,tbody,tfoot,tr,th[colspan|rowspan|scope],td[colspan|rowspan],a[href],img[src|alt]';

  // Word wraps its own markup in conditional comments and <style>/<xml> islands; none of it is content.
  function dropWordIslands(html) {
    return html
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
      .replace(/<(style|xml|meta|link|title)\b[\s\S]*?(<\/\1>|\/>|>)/gi, '')
      .replace(/<\/?o:p\b[^>]*>/gi, '');
  }

  var label = document.querySelector('label[for="' + textarea.id + '"]');
  var hint = textarea.parentNode.querySelector('.hint');
  var name = label ? label.textContent.trim() : '';

  window.tinymce.addI18n('zh_CN', {
    'Undo': '撤销', 'Redo': '重做', 'Bold': '加粗', 'Italic': '斜体', 'Underline': '下划线',
    'Bullet list': '项目符号列表', 'Numbered list': '编号列表', 'Blocks': '段落格式', 'Paragraph': '正文段落',
    'Heading 2': '二级标题', 'Heading 3': '三级标题', 'Heading 4': '四级标题',
    'Insert/edit link': '插入或编辑链接', 'Link...': '链接…', 'Link': '链接', 'Remove link': '取消链接', 'Open link': '打开链接',
    'URL': '链接地址', 'Text to display': '显示文字', 'Title': '标题', 'Save': '确定', 'Cancel': '取消', 'Close': '关闭',
    'Table': '表格', 'Insert table': '插入表格', 'Table properties': '表格属性', 'Delete table': '删除表格',
    'Cell': '单元格', 'Row': '行', 'Column': '列', 'Cell properties': '单元格属性', 'Row properties': '行属性',
    'Merge cells': '合并单元格', 'Split cell': '拆分单元格',
    'Insert row before': '在上方插入行', 'Insert row after': '在下方插入行', 'Delete row': '删除行',
    'Insert column before': '在左侧插入列', 'Insert column after': '在右侧插入列', 'Delete column': '删除列',
    'Cut row': '剪切行', 'Copy row': '复制行', 'Paste row before': '粘贴到上方', 'Paste row after': '粘贴到下方',
    'Cut column': '剪切列', 'Copy column': '复制列', 'Paste column before': '粘贴到左侧', 'Paste column after': '粘贴到右侧',
    'Row header': '标题行', 'Column header': '标题列', 'Header row': '标题行', 'Header cell': '标题单元格',
    'Cell type': '单元格类型', 'Row type': '行类型', 'Header': '表头', 'Body': '表体', 'Footer': '表尾', 'Scope': '范围',
    'Caption': '表格标题', 'Show caption': '显示表格标题', 'Rows': '行数', 'Columns': '列数', 'Cols': '列数',
    'Row {0}': '第 {0} 行', 'Column {0}': '第 {0} 列', '{0} columns, {1} rows': '{0} 列，{1} 行',
    'None': '无', 'Cells': '单元格', 'General': '常规', 'Advanced': '高级',
    'Reveal or hide additional toolbar items': '更多工具', 'Press Alt+0 for help': '按 Alt+0 获取帮助',
    'Text color': '文字颜色', 'Clear formatting': '清除格式', 'Formats': '格式', 'Align': '对齐',
    'The URL you entered seems to be an external link. Do you want to add the required https:// prefix?':
      '您输入的地址似乎是外部链接，是否加上 https:// 前缀？',
    'The URL you entered seems to be an email address. Do you want to add the required mailto: prefix?':
      '您输入的地址似乎是电子邮箱，是否加上 mailto: 前缀？'
  });

  window.tinymce.init({
    target: textarea,
    language: 'zh_CN',
    promotion: false,
    branding: false,
    menubar: false,
    elementpath: false,
    statusbar: true,
    resize: true,
    height: 480,
    min_height: 240,
    skin: 'oxide',
    content_css: ['default'].concat(textarea.dataset.contentCss ? [textarea.dataset.contentCss] : []),
    plugins: 'lists link table',
    toolbar: 'undo redo | blocks | bold italic | bullist numlist | table link',
    toolbar_mode: 'wrap',
    block_formats: '正文段落=p; 二级标题=h2; 三级标题=h3; 四级标题=h4',
    iframe_aria_text: name + (hint ? '：' + hint.textContent.trim() : ''),

    // what the server keeps, nothing more
    valid_elements: VALID_ELEMENTS,
    invalid_elements: 'script,style,iframe,frame,object,embed,form,input,button,select,textarea,svg,math,video,audio,noscript',
    allow_script_urls: false,
    allow_html_data_urls: false,
    sandbox_iframes: true,
    convert_urls: false,
    entity_encoding: 'raw',

    // pasting: structure yes, styles and pictures no (pictures are uploaded as attachments)
    paste_data_images: false,
    paste_block_drop: true,
    paste_webkit_styles: 'none',
    paste_remove_styles_if_webkit: true,
    paste_merge_formats: true,
    paste_preprocess: function (editor, args) { args.content = dropWordIslands(args.content); },

    // links: plain href; the server adds rel="noopener noreferrer"
    link_title: false,
    link_target_list: false,
    link_default_protocol: 'https',
    link_assume_external_targets: 'https',

    // tables: no inline widths, borders or colours (the site's CSS draws tables); header rows as <thead><th scope>
    table_default_attributes: {},
    table_default_styles: {},
    table_sizing_mode: 'responsive',
    table_resize_bars: false,
    object_resizing: false,
    table_appearance_options: false,
    table_advtab: false,
    table_cell_advtab: false,
    table_row_advtab: false,
    table_header_type: 'sectionCells',
    table_toolbar: 'tableinsertrowbefore tableinsertrowafter tabledeleterow | tableinsertcolbefore tableinsertcolafter '
        + 'tabledeletecol | tablemergecells tablesplitcells | tabledelete',

    setup: function (editor) {
      // keep the textarea current, so a submit by any means posts what the clerk sees
      editor.on('change undo redo', function () { editor.save(); });
      editor.on('init', function () {
        document.documentElement.classList.add('has-editor');
        // the label and the error summary's link point at the (now hidden) textarea: send them to the editor
        var pointers = Array.prototype.slice.call(document.querySelectorAll('a[href="#' + textarea.id + '"]'));
        if (label) { pointers.push(label); }
        pointers.forEach(function (pointer) {
          pointer.addEventListener('click', function (event) { event.preventDefault(); editor.focus(); });
        });
      });
    }
  }).then(function () {
    var form = textarea.form;
    if (form) {
      form.addEventListener('submit', function () { window.tinymce.triggerSave(); });
    }
  });
}());
