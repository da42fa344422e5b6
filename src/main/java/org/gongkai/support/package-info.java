/** Small value types shared by several features (credit codes, index numbers). An open module that depends on no feature. */
@ApplicationModule(displayName = "Support", type = ApplicationModule.Type.OPEN)
package org.gongkai.support;

import org.springframework.modulith.ApplicationModule;
