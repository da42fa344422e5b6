-- The 公开指南's contact section names every way to reach the disclosure office (#18): 传真, 电子邮箱 and 邮编 were missing.
-- Only the section as V18 seeded it is replaced; a section an administrator has edited is left alone.
update guide_section
set body = '政府信息公开工作机构：本机关办公室
办公地址：示范市城中区府前路1号
邮政编码：510000
办公时间：工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）
联系电话：020-12345678
传真：020-12345679
电子邮箱：gongkai@wjw.shifan.example',
    version = version + 1
where position = 60
  and body = '政府信息公开工作机构：本机关办公室
办公地址：示范市越秀区府前路1号
办公时间：工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）
联系电话：020-12345678';
