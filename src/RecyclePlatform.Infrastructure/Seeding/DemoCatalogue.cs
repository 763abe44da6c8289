namespace RecyclePlatform.Infrastructure.Seeding;

/// <summary>
/// The eight launch cities with real district centres. Charity and recycler names are
/// invented: demo data must not suggest a partnership with a real organisation.
/// </summary>
internal static class DemoCatalogue
{
    public sealed record DistrictSeed(string Slug, string English, string Chinese, double Latitude, double Longitude);

    public sealed record CitySeed(string Slug, string English, string Chinese, string TimeZone,
        string HubDistrict, IReadOnlyList<DistrictSeed> Districts);


    /// <summary>Every demo charity's programme catalogue (distributions name one by id).</summary>
    public static readonly IReadOnlyList<(string English, string Chinese)> Programmes =
    [
        ("Winter coats for families", "冬衣暖家庭"),
        ("School uniforms and shoes", "校服与鞋子"),
        ("Care homes for the elderly", "养老院衣物"),
    ];

    public static readonly IReadOnlyList<CitySeed> Cities =
    [
        new("beijing", "Beijing", "北京", "Asia/Shanghai", "chaoyang",
        [
            new("chaoyang", "Chaoyang", "朝阳区", 39.9219, 116.4436),
            new("haidian", "Haidian", "海淀区", 39.9593, 116.2981),
            new("dongcheng", "Dongcheng", "东城区", 39.9288, 116.4160),
            new("xicheng", "Xicheng", "西城区", 39.9123, 116.3660),
            new("fengtai", "Fengtai", "丰台区", 39.8585, 116.2871),
        ]),
        new("shanghai", "Shanghai", "上海", "Asia/Shanghai", "minhang",
        [
            new("huangpu", "Huangpu", "黄浦区", 31.2317, 121.4846),
            new("xuhui", "Xuhui", "徐汇区", 31.1886, 121.4365),
            new("jingan", "Jing'an", "静安区", 31.2290, 121.4480),
            new("pudong", "Pudong", "浦东新区", 31.2215, 121.5447),
            new("minhang", "Minhang", "闵行区", 31.1128, 121.3815),
        ]),
        new("guangzhou", "Guangzhou", "广州", "Asia/Shanghai", "baiyun",
        [
            new("tianhe", "Tianhe", "天河区", 23.1247, 113.3612),
            new("yuexiu", "Yuexiu", "越秀区", 23.1290, 113.2668),
            new("haizhu", "Haizhu", "海珠区", 23.0839, 113.3172),
            new("baiyun", "Baiyun", "白云区", 23.1574, 113.2730),
            new("panyu", "Panyu", "番禺区", 22.9376, 113.3844),
        ]),
        new("shenzhen", "Shenzhen", "深圳", "Asia/Shanghai", "baoan",
        [
            new("futian", "Futian", "福田区", 22.5410, 114.0550),
            new("nanshan", "Nanshan", "南山区", 22.5333, 113.9305),
            new("luohu", "Luohu", "罗湖区", 22.5484, 114.1312),
            new("baoan", "Bao'an", "宝安区", 22.5553, 113.8836),
            new("longgang", "Longgang", "龙岗区", 22.7208, 114.2467),
        ]),
        new("chengdu", "Chengdu", "成都", "Asia/Shanghai", "chenghua",
        [
            new("jinjiang", "Jinjiang", "锦江区", 30.6570, 104.0830),
            new("wuhou", "Wuhou", "武侯区", 30.6420, 104.0430),
            new("qingyang", "Qingyang", "青羊区", 30.6740, 104.0620),
            new("jinniu", "Jinniu", "金牛区", 30.6910, 104.0520),
            new("chenghua", "Chenghua", "成华区", 30.6600, 104.1010),
        ]),
        new("wuhan", "Wuhan", "武汉", "Asia/Shanghai", "hongshan",
        [
            new("jiangan", "Jiang'an", "江岸区", 30.6000, 114.3090),
            new("wuchang", "Wuchang", "武昌区", 30.5540, 114.3160),
            new("hongshan", "Hongshan", "洪山区", 30.5000, 114.3430),
            new("hanyang", "Hanyang", "汉阳区", 30.5490, 114.2180),
            new("jianghan", "Jianghan", "江汉区", 30.6010, 114.2700),
        ]),
        new("hangzhou", "Hangzhou", "杭州", "Asia/Shanghai", "yuhang",
        [
            new("shangcheng", "Shangcheng", "上城区", 30.2420, 120.1690),
            new("gongshu", "Gongshu", "拱墅区", 30.3190, 120.1420),
            new("xihu", "Xihu", "西湖区", 30.2600, 120.1300),
            new("binjiang", "Binjiang", "滨江区", 30.2080, 120.2110),
            new("yuhang", "Yuhang", "余杭区", 30.4190, 120.3000),
        ]),
        new("xian", "Xi'an", "西安", "Asia/Shanghai", "weiyang",
        [
            new("beilin", "Beilin", "碑林区", 34.2560, 108.9400),
            new("lianhu", "Lianhu", "莲湖区", 34.2650, 108.9330),
            new("yanta", "Yanta", "雁塔区", 34.2140, 108.9480),
            new("xincheng", "Xincheng", "新城区", 34.2660, 108.9600),
            new("weiyang", "Weiyang", "未央区", 34.2930, 108.9460),
        ]),
    ];

    /// <summary>Courier display names, three per city, taken in order.</summary>
    public static readonly IReadOnlyList<string> CourierNames =
    [
        "Wang Fang", "Li Qiang", "Zhang Min", "Liu Yang", "Chen Jie", "Yang Lei", "Zhao Hui", "Huang Tao",
        "Zhou Ling", "Wu Gang", "Xu Jing", "Sun Hao", "Ma Li", "Zhu Wei", "Hu Bin", "Guo Yan",
        "He Ping", "Gao Feng", "Lin Xia", "Luo Ming", "Zheng Yu", "Liang Kai", "Song Jia", "Tang Rui",
    ];

    public const int CouriersPerCity = 3;


    /// <summary>
    /// The demo's factor table (version 1). Illustrative values only, and labelled so: an operator publishes
    /// factors from a reviewed life-cycle assessment before claiming any figure (docs/campaigns.md).
    /// </summary>
    public static readonly IReadOnlyList<Domain.Impact.ImpactFactor> Factors =
    [
        new(Domain.Hubs.LotStream.Reuse, Domain.Impact.FactorMeasure.Co2e, 3_600,
            "Illustrative demo value: a figure often quoted for 1 kg of used clothing reused instead of bought new; replace with a reviewed LCA", 2017),
        new(Domain.Hubs.LotStream.Reuse, Domain.Impact.FactorMeasure.Water, 6_000,
            "Illustrative demo value: a figure often quoted for the water to make 1 kg of cotton clothing; replace with a reviewed LCA", 2017),
        new(Domain.Hubs.LotStream.Recycle, Domain.Impact.FactorMeasure.Co2e, 1_500,
            "Illustrative demo value for fibre recycling displacing virgin fibre; replace with a reviewed LCA (e.g. US EPA WARM, textiles)", 2020),
        new(Domain.Hubs.LotStream.Recycle, Domain.Impact.FactorMeasure.Water, 0,
            "No water saving is claimed for recycling in the demo table", 2020),
        new(Domain.Hubs.LotStream.Waste, Domain.Impact.FactorMeasure.Co2e, 0, "Waste avoids nothing", 2020),
        new(Domain.Hubs.LotStream.Waste, Domain.Impact.FactorMeasure.Water, 0, "Waste avoids nothing", 2020),
    ];
}
