-- Reply templates (条例第36–39条). Placeholders: {number} 申请编号, {receivedOn} 收到日期, {information} 所申请信息,
-- {opinion} 经办意见 (where to find it, reasons, legal ground, the competent office...), {department} 办理科室.
insert into reply_template (type, body) values
('ALREADY_PUBLIC', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，您申请获取的政府信息已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径：{opinion}'),
('DISCLOSED', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关决定向您公开该政府信息，并按您选择的方式提供。{opinion}'),
('PARTLY_DISCLOSED', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关向您提供可以公开的内容，对不予公开的内容说明理由如下：{opinion}'),
('NOT_DISCLOSED', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（三）项的规定，本机关决定不予公开，理由及法律依据如下：{opinion}'),
('NOT_EXIST', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经检索查找，本机关未制作或获取该政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，告知您该政府信息不存在。{opinion}'),
('NOT_THIS_OFFICE', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，该政府信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，告知您负责公开该政府信息的行政机关的名称和联系方式：{opinion}'),
('REPEAT', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，本机关已就您的同一政府信息公开申请作出答复，您重复申请公开相同政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不予重复处理。{opinion}'),
('NOT_A_REQUEST', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提交的材料。经审查，您提出的是信访、投诉、举报等诉求，不属于政府信息公开申请。根据《中华人民共和国政府信息公开条例》第三十九条的规定，告知您通过相应渠道提出：{opinion}'),
('REQUIRES_PROCESSING', '申请人（申请编号{number}）：
本机关于{receivedOn}收到您提出的政府信息公开申请，申请获取“{information}”。经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析。根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关可以不予提供。{opinion}'),
('REMEDY', '如您对本答复不服，可以自收到本答复之日起60日内向示范市人民政府申请行政复议（行政复议受理地点：示范市司法局行政复议科，示范市人民中路1号），也可以自收到本答复之日起6个月内向示范市中心区人民法院提起行政诉讼。');
