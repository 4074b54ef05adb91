/**
 * Labelled customer messages for suggestion hit rates: what customers write in online service about
 * the handbook's and seeds' topics, and which snippets (starter shelf or the 售后常见问题 pack in
 * tests/fixtures/packs/after-sales.json) answer each. Any listed id counts as a hit.
 */
const S = (id: string) => `seakit-starter:${id}`;
const P = (id: string) => `after-sales:${id}`;

export const labelled: Array<[message: string, answers: string[]]> = [
  // 生效
  ['你好，我想问一下我的保单什么时候生效？', [P('effective')]],
  ['昨天买的保险今天能用吗', [P('effective')]],
  ['买了之后多久开始有保障', [P('effective')]],
  ['等待期是多少天啊', [P('effective')]],
  ['保单几号生效的', [P('effective')]],
  // 理赔材料
  ['理赔需要准备哪些材料？', [P('claim-docs')]],
  ['住院了想报销，要交什么资料', [P('claim-docs')]],
  ['申请赔付要哪些东西', [P('claim-docs')]],
  ['发票原件要寄过去吗还是拍照就行，理赔用的', [P('claim-docs')]],
  ['看病花了五千块能赔吗，需要准备什么', [P('claim-docs')]],
  // 理赔进度
  ['我上周提交的理赔到哪一步了', [P('claim-progress')]],
  ['理赔审核要多久？钱什么时候到账', [P('claim-progress')]],
  ['赔款还没到账，进度怎么查', [P('claim-progress')]],
  // 退保
  ['我要退保，怎么操作？', [P('surrender-flow'), P('retention'), S('surrender-ask')]],
  ['这个保险一点都不好我要退掉', [P('retention'), S('surrender-ask'), P('surrender-flow')]],
  ['怎么我存钱的变成保险了，我要退', [P('retention'), S('surrender-ask'), P('surrender-flow')]],
  ['完全和当时说的不一样，把钱退给我', [P('retention'), S('surrender-ask'), P('surrender-flow')]],
  ['不想要这个保险了，能退吗', [P('surrender-flow'), P('retention'), S('surrender-ask')]],
  ['退保能退多少钱', [P('surrender-flow'), P('cooling-off')]],
  ['刚买三天，现在退能全退吗', [P('cooling-off'), P('surrender-flow')]],
  ['犹豫期是几天', [P('cooling-off')]],
  // 改手机号
  ['我手机号换了，怎么改', [P('phone-change')]],
  ['原来的号码不用了，要换成新号码', [P('phone-change')]],
  ['保单上的电话号码填错了想修改', [P('phone-change')]],
  ['怎么变更绑定的手机号', [P('phone-change')]],
  // 发票
  ['能开发票吗', [P('invoice')]],
  ['公司报销需要保费发票，怎么开票', [P('invoice')]],
  ['电子发票在哪里申请', [P('invoice')]],
  ['发票开好了发到哪里', [P('invoice')]],
  // 重复扣费
  ['为什么这个月扣了两次钱？', [P('double-charge')]],
  ['你们多扣了我一笔保费', [P('double-charge')]],
  ['银行卡显示重复扣款了，怎么回事', [P('double-charge')]],
  ['同一天扣了两遍钱，给我退回来', [P('double-charge')]],
  // 续保
  ['保单快到期了，怎么续保', [P('renewal')]],
  ['明年还能继续保吗', [P('renewal')]],
  ['续费是自动的吗', [P('renewal'), P('autopay-cancel')]],
  ['到期了没续上会怎么样', [P('renewal')]],
  // 代扣 / 自动扣款
  ['怎么取消自动扣款', [P('autopay-cancel')]],
  ['不想每个月自动扣钱了，代扣怎么关', [P('autopay-cancel')]],
  ['免密支付怎么解除', [P('autopay-cancel')]],
  ['自动续费在哪里关闭', [P('autopay-cancel')]],
  // 电子保单
  ['电子保单在哪里可以看到？', [P('e-policy')]],
  ['保单怎么下载', [P('e-policy')]],
  ['能把保单发我邮箱吗', [P('e-policy')]],
  // 银行卡
  ['扣款的银行卡想换一张', [P('bank-card')]],
  ['换卡了，下个月从哪张卡扣', [P('bank-card')]],
  // 保费
  ['每个月保费是多少', [P('premium')]],
  ['这个月保费怎么比上个月多', [P('premium'), P('double-charge')]],
  // 投诉 / 情绪
  ['你们服务太差了，我要投诉', [P('complaint'), S('soothe'), S('apology')]],
  ['等了半天都没人处理，很不满意', [P('complaint'), S('soothe'), S('apology')]],
  // 开场 / 结束 / 等待
  ['在吗？有人吗', [S('greeting'), S('still-there')]],
  ['好的，谢谢，没有别的问题了', [S('closing'), S('rating')]],
  ['你先查一下，我等着', [S('hold'), S('thanks-wait')]],
  ['我的订单查到了吗', [S('order-found'), S('thanks-wait')]],
  ['能不能帮我核实一下是不是我本人的保单', [S('verify'), S('confirm-policy')]],
];
